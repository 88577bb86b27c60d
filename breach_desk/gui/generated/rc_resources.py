# Resource object code (Python 3)
# Created by: object code
# WARNING! All changes made in this file will be lost!

from PySide6 import QtCore

qt_resource_data = b"\
\x00\x00\x02\xb7\
/\
* Breach Desk: c\
alm and dense. C\
olours come from\
 the system pale\
tte; accents are\
 set in code\x0a   \
(breach_desk/gui\
/style.py) so th\
ey keep contrast\
 in light and da\
rk palettes. */\x0a\
QLabel#pageProbl\
ems { padding: 4\
px 0; }\x0aQLabel#b\
andLabel { font-\
size: 13pt; font\
-weight: 600; pa\
dding: 2px 0 6px\
 0; }\x0aQLabel#ico\
DecisionLabel, Q\
Label#subjectsDe\
cisionLabel { fo\
nt-size: 12pt; f\
ont-weight: 600;\
 }\x0aQLabel#emptyT\
itle { font-size\
: 15pt; font-wei\
ght: 600; }\x0aQLab\
el#panelHeading \
{ font-weight: 6\
00; }\x0aQLabel#det\
ailTitle { font-\
size: 13pt; font\
-weight: 600; }\x0a\
QListWidget#view\
List { border: n\
one; }\x0aQListWidg\
et#steps { borde\
r: none; backgro\
und: transparent\
; }\x0aQTableView {\
 gridline-color:\
 palette(midligh\
t); }\x0a\
\x00\x00\x01\x19\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M7 9V3\
h10v6\x22/><rect x=\
\x223\x22 y=\x229\x22 width=\
\x2218\x22 height=\x228\x22 \
rx=\x221\x22/><path d=\
\x22M7 14h10v7H7z\x22/\
></svg>\x0a\
\x00\x00\x01\x05\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M6 3h8\
l4 4v14H6z\x22/><pa\
th d=\x22M14 3v4h4\x22\
/><path d=\x22M12 1\
1v6M9 14h6\x22/></s\
vg>\x0a\
\x00\x00\x01-\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><circle cx=\x2212\x22\
 cy=\x2212\x22 r=\x229\x22/>\
<path d=\x22M9.5 9.\
5a2.5 2.5 0 1 1 \
3.5 2.3c-.7.3-1 \
.9-1 1.6v.6\x22/><p\
ath d=\x22M12 17.2v\
.1\x22/></svg>\x0a\
\x00\x00\x00\xf3\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M4 20l\
4-1 11-11-3-3L5 \
16z\x22/><path d=\x22M\
14 7l3 3\x22/></svg\
>\x0a\
\x00\x00\x00\xe4\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M4 5h1\
6M4 10h16M4 15h1\
6M4 20h10\x22/></sv\
g>\x0a\
\x00\x00\x01\xb2\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2264\
\x22 height=\x2264\x22 vi\
ewBox=\x220 0 64 64\
\x22><rect x=\x224\x22 y=\
\x224\x22 width=\x2256\x22 h\
eight=\x2256\x22 rx=\x221\
0\x22 fill=\x22#1f4e79\
\x22/><path d=\x22M18 \
14h20l8 8v28H18z\
\x22 fill=\x22#ffffff\x22\
/><path d=\x22M38 1\
4v8h8\x22 fill=\x22#d5\
e3f0\x22/><rect x=\x22\
23\x22 y=\x2230\x22 width\
=\x2218\x22 height=\x224\x22\
 rx=\x221\x22 fill=\x22#c\
62828\x22/><rect x=\
\x2223\x22 y=\x2238\x22 widt\
h=\x2212\x22 height=\x223\
\x22 rx=\x221\x22 fill=\x22#\
7a8a9a\x22/><rect x\
=\x2223\x22 y=\x2244\x22 wid\
th=\x2215\x22 height=\x22\
3\x22 rx=\x221\x22 fill=\x22\
#7a8a9a\x22/></svg>\
\x0a\
\x00\x00\x01\x0b\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M6 3h8\
l4 4v14H6z\x22/><pa\
th d=\x22M14 3v4h4\x22\
/><path d=\x22M12 1\
0v7M9 14l3 3 3-3\
\x22/></svg>\x0a\
\x00\x00\x00\xf6\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><circle cx=\x2210.\
5\x22 cy=\x2210.5\x22 r=\x22\
6\x22/><path d=\x22M15\
 15l5.5 5.5\x22/></\
svg>\x0a\
\x00\x00\x00\xf3\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M20 12\
a8 8 0 1 1-2.3-5\
.6\x22/><path d=\x22M2\
0 4v5h-5\x22/></svg\
>\x0a\
\x00\x00\x00\xf0\
<\
svg xmlns=\x22http:\
//www.w3.org/200\
0/svg\x22 width=\x2224\
\x22 height=\x2224\x22 vi\
ewBox=\x220 0 24 24\
\x22 fill=\x22none\x22 st\
roke=\x22#4a5563\x22 s\
troke-width=\x221.8\
\x22 stroke-linecap\
=\x22round\x22 stroke-\
linejoin=\x22round\x22\
><path d=\x22M12 3l\
10 18H2z\x22/><path\
 d=\x22M12 10v5M12 \
18v.1\x22/></svg>\x0a\
"

qt_resource_name = b"\
\x00\x05\
\x00o\xa6S\
\x00i\
\x00c\x00o\x00n\x00s\
\x00\x06\
\x07\xac\x02\xc3\
\x00s\
\x00t\x00y\x00l\x00e\x00s\
\x00\x07\
\x08sXc\
\x00a\
\x00p\x00p\x00.\x00q\x00s\x00s\
\x00\x09\
\x00W\xb5\xe7\
\x00p\
\x00r\x00i\x00n\x00t\x00.\x00s\x00v\x00g\
\x00\x07\
\x04\xcaZ'\
\x00n\
\x00e\x00w\x00.\x00s\x00v\x00g\
\x00\x08\
\x0c3W\x07\
\x00h\
\x00e\x00l\x00p\x00.\x00s\x00v\x00g\
\x00\x09\
\x07\xd7\x8d\xc7\
\x00d\
\x00r\x00a\x00f\x00t\x00.\x00s\x00v\x00g\
\x00\x0c\
\x05\xd2\x9b\x87\
\x00r\
\x00e\x00g\x00i\x00s\x00t\x00e\x00r\x00.\x00s\x00v\x00g\
\x00\x07\
\x08sZ\x07\
\x00a\
\x00p\x00p\x00.\x00s\x00v\x00g\
\x00\x07\
\x06\xa9Z'\
\x00p\
\x00d\x00f\x00.\x00s\x00v\x00g\
\x00\x0a\
\x08\x94m\xc7\
\x00s\
\x00e\x00a\x00r\x00c\x00h\x00.\x00s\x00v\x00g\
\x00\x0c\
\x03\xb5O\xe7\
\x00r\
\x00e\x00a\x00s\x00s\x00e\x00s\x00s\x00.\x00s\x00v\x00g\
\x00\x0b\
\x00\xb5Hg\
\x00w\
\x00a\x00r\x00n\x00i\x00n\x00g\x00.\x00s\x00v\x00g\
"

qt_resource_struct = b"\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x02\x00\x00\x00\x01\
\x00\x00\x00\x00\x00\x02\x00\x00\x00\x0a\x00\x00\x00\x04\
\x00\x00\x00\x10\x00\x02\x00\x00\x00\x01\x00\x00\x00\x03\
\x00\x00\x00\x22\x00\x00\x00\x00\x00\x01\x00\x00\x00\x00\
\x00\x00\x006\x00\x00\x00\x00\x00\x01\x00\x00\x02\xbb\
\x00\x00\x01\x0e\x00\x00\x00\x00\x00\x01\x00\x00\x0c\xa7\
\x00\x00\x00\xf0\x00\x00\x00\x00\x00\x01\x00\x00\x0b\xb0\
\x00\x00\x00N\x00\x00\x00\x00\x00\x01\x00\x00\x03\xd8\
\x00\x00\x00\x90\x00\x00\x00\x00\x00\x01\x00\x00\x07\x09\
\x00\x00\x00\xc2\x00\x00\x00\x00\x00\x01\x00\x00\x09\xa7\
\x00\x00\x00x\x00\x00\x00\x00\x00\x01\x00\x00\x06\x12\
\x00\x00\x00\xae\x00\x00\x00\x00\x00\x01\x00\x00\x07\xf1\
\x00\x00\x00\xd6\x00\x00\x00\x00\x00\x01\x00\x00\x0a\xb6\
\x00\x00\x00b\x00\x00\x00\x00\x00\x01\x00\x00\x04\xe1\
"

def qInitResources() -> None:
    QtCore.qRegisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

def qCleanupResources() -> None:
    QtCore.qUnregisterResourceData(0x01, qt_resource_struct, qt_resource_name, qt_resource_data)

qInitResources()
