"""QWizard field names, one place. Registration traps (pitfall P3) are handled where they are
registered: combos with ``currentText``, plain-text edits and double spin boxes with an explicit
property and change signal, the check lists with their own ``values`` property."""

TITLE = "title"
SERVICE = "service"
DESCRIPTION = "description"
OCCURRED_PRECISION = "occurredPrecision"
OCCURRED = "occurred"
AWARE = "aware"

COUNT = "count"
COUNT_ESTIMATE = "countEstimate"
GROUPS = "groups"
VULNERABLE = "vulnerable"
ALREADY_AWARE = "alreadyAware"

CATEGORIES = "categories"
EXTENT = "extent"
RECORDS = "records"
UNINTELLIGIBLE = "unintelligible"
PUBLIC = "publiclyAvailable"
IDENTIFIABILITY = "identifiability"

CONFIDENTIALITY = "confidentiality"
INTEGRITY = "integrity"
AVAILABILITY = "availability"
OUTAGE = "outageHours"
ESSENTIAL = "essentialService"
CAUSE = "cause"
OCCURRENCES = "occurrences"
CYBER = "cyberIncident"
HARM_NOTE = "harmNote"
HARM_AT = "harmAt"
DISCOVERED = "discoveredHow"
DISCOVERED_NOTE = "discoveredNote"
CONTAINMENT = "containment"

DPC_ADJUSTMENT = "dpcAdjustment"
DPC_REASON = "dpcReason"
OVERRIDE = "override"
OVERRIDE_REASON = "overrideReason"

ICO_DELAY_REASON = "icoDelayReason"
ART34 = "art34"
ART34_REASON = "art34Reason"

REASSESS_REASON = "reassessReason"
