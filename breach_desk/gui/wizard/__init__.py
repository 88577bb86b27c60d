"""wizard"""
