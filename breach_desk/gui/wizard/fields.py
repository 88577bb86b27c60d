"""QWizard field names, one place, for the answers bound by hand (the plain facts are bound from
their declarations, ``binding``). Registration traps (pitfall P3) are handled where they are
registered: combos with ``currentText``, plain-text edits and double spin boxes with an explicit
property and change signal, date fields with their ``iso`` property."""

OCCURRED = "occurred"
AWARE = "aware"

HARM_NOTE = "harmNote"
HARM_AT = "harmAt"
DISCOVERED = "discoveredHow"
DISCOVERED_NOTE = "discoveredNote"

DPC_ADJUSTMENT = "dpcAdjustment"
DPC_REASON = "dpcReason"
OVERRIDE = "override"
OVERRIDE_REASON = "overrideReason"

ICO_DELAY_REASON = "icoDelayReason"
ART34 = "art34"
ART34_REASON = "art34Reason"

REASSESS_REASON = "reassessReason"
