"""Judged queries over the demo directory (fictional Riverbend County, ``demo/data/directory``).

Each names, by English name, the listings that must be in the top 3 (the best answers a case
manager would give for that need, judged from the listings' texts, never from what an engine
returned) and those that must not appear on the first page (false friends: "dental" is not
"mental health"; an ended listing). ``kind`` says what the query tries: a plain need, a typo, a
synonym, an owner's own words, a false friend, a filter or a ZIP radius. Queries in Spanish,
Chinese, Vietnamese and Arabic are typed as people type them: Vietnamese without tone marks,
Arabic with or without the article, Chinese without spaces.
"""

from dataclasses import dataclass, field

PLAIN, TYPO, SYNONYM, OWNER, FALSE_FRIEND, FILTER, ZIP = (
    "plain",
    "typo",
    "synonym",
    "owner",
    "false friend",
    "filter",
    "zip",
)


@dataclass(frozen=True)
class Judgement:
    query: str
    language: str
    top3: tuple[str, ...]
    absent: tuple[str, ...] = ()
    filters: dict = field(default_factory=dict)
    kind: str = PLAIN


def J(query, language, top3, absent=(), kind=PLAIN, **filters):
    return Judgement(query, language, tuple(top3), tuple(absent), filters, kind)


SPAY_LOW_COST = "Low-cost spay and neuter surgery"
SPAY_FREE = "Free spay and neuter for south county"
EUTHANASIA_LOW_COST = "Low-cost euthanasia and cremation"
EUTHANASIA_HOME = "Comfort care and euthanasia at home"
DENTAL = "Student wellness and dental clinic"
MENTAL = (
    "24-hour mental health crisis line",
    "Counselling on a sliding scale",
    "Counselling in Vietnamese and Chinese",
    "Walk-in support, Cedar Falls",
)
HOSPITAL = "24-hour emergency animal hospital"
GRANTS = "Urgent vet care grants"
PAYMENT_PLANS = "Emergency payment plans and compassion fund"
DEPOSIT = "Pet deposit assistance"
DEPOSIT_ENDED = "Pet deposit pilot (ended)"
EVICTION = "Eviction defence"
MEDIATION = "Landlord mediation about pets"
LOST_CAT = "Lost cat trapping help"
LOST_KITS = "Lost pet search kits"
LOST_SHELTER = "Lost and found pets at the county shelter"
VACCINES = "Saturday vaccine and microchip clinic"
CRISIS_FOSTER = "Crisis foster care"
FREE_BOARDING = "Free emergency boarding"
DV_LINE = "24-hour domestic violence line, pets included"

JUDGEMENTS = [
    # --- English ------------------------------------------------------------------------------
    J("spay", "en", [SPAY_LOW_COST, SPAY_FREE]),
    J("neuter my dog", "en", [SPAY_LOW_COST, SPAY_FREE], kind=SYNONYM),
    J("get my cat fixed", "en", [SPAY_LOW_COST, SPAY_FREE], kind=SYNONYM),
    J("vetrinary care for seniors", "en", ["Vet help for older adults"], kind=TYPO),
    J("euthanisia", "en", [EUTHANASIA_LOW_COST, EUTHANASIA_HOME], kind=TYPO),
    J("groomng", "en", ["Free grooming day", "Student grooming salon"], kind=TYPO),
    J("microchp", "en", ["$10 microchips and free registration", VACCINES], kind=TYPO),
    J("dental", "en", [DENTAL], MENTAL, kind=FALSE_FRIEND),
    J("teeth cleaning", "en", [DENTAL], MENTAL, kind=FALSE_FRIEND),
    J("mental health", "en", ["24-hour mental health crisis line"], [DENTAL], kind=FALSE_FRIEND),
    J("can't afford dog surgery", "en", [GRANTS, PAYMENT_PLANS], kind=OWNER),
    J("landlord says no pets", "en", [MEDIATION, "Renters' rights hotline"], kind=OWNER),
    J("put down my dog", "en", [EUTHANASIA_LOW_COST, EUTHANASIA_HOME], kind=SYNONYM),
    J(
        "kibble delivery",
        "en",
        ["Pet food home delivery", "Pet meals with Meals on Wheels"],
        kind=SYNONYM,
    ),
    J("rehome my cat", "en", ["Rehoming help for cats and kittens", "Supported self-rehoming"]),
    J(
        "who can look after my pets while I'm in hospital",
        "en",
        [CRISIS_FOSTER, FREE_BOARDING],
        kind=OWNER,
    ),
    J("pet deposit", "en", [DEPOSIT], [DEPOSIT_ENDED]),
    J("pet fee for my new apartment", "en", [DEPOSIT], [DEPOSIT_ENDED], kind=SYNONYM),
    J("evicted because of my dog", "en", [EVICTION, MEDIATION], kind=OWNER),
    J("tenant rights", "en", ["Renters' rights hotline"], kind=SYNONYM),
    J("domestic violence", "en", [DV_LINE]),
    J("emergency vet open at night", "en", [HOSPITAL, "Evening walk-in vet clinic"], kind=OWNER),
    J("lost cat", "en", [LOST_CAT]),
    J("my dog ran away", "en", [LOST_KITS, LOST_SHELTER], kind=OWNER),
    J(
        "behavior problems",
        "en",
        ["Free pet behaviour helpline", "In-home behaviour consultations"],
        kind=SYNONYM,
    ),
    J("dog training", "en", ["Low-cost dog training classes", "Young handlers dog club"]),
    J(
        "horse evacuation fire",
        "en",
        ["Emergency boarding and evacuation for horses and livestock"],
    ),
    J("pet friendly apartment", "en", ["Pet-friendly rental search"], kind=SYNONYM),
    J(
        "landlord refused my service dog",
        "en",
        ["Help with assistance animal requests"],
        kind=OWNER,
    ),
    J("grief after losing my dog", "en", ["Pet loss support group"], kind=OWNER),
    J(
        "homeless with a dog",
        "en",
        ["Street vet care for pets of people without housing", "Pet-friendly emergency shelter"],
        kind=OWNER,
    ),
    J("ride to the vet", "en", ["Volunteer rides to the vet"]),
    J("cheap shots for my puppy", "en", [VACCINES], kind=SYNONYM),
    J("payment plan for a vet bill", "en", [PAYMENT_PLANS]),
    J("halal food", "en", ["Halal food pantry"]),
    J("rabbit nail trim", "en", ["Rabbit nail trims and grooming"]),
    J(
        "spay",
        "en",
        [SPAY_FREE, "Trap-neuter-return for community cats", "Spay and neuter shuttle"],
        kind=FILTER,
        costs=("free",),
    ),
    J(
        "foster",
        "en",
        ["Short-term foster for rabbits and small animals", CRISIS_FOSTER],
        kind=FILTER,
        species="rabbit",
    ),
    J("vet", "en", ["Evening walk-in vet clinic"], kind=ZIP, zip_code="95670", radius_miles=3),
    J("spay", "en", [SPAY_LOW_COST, SPAY_FREE], kind=ZIP, zip_code="95817", radius_miles=3),
    J(
        "pet food",
        "en",
        ["Food for community cat caretakers", "Lakeside community market"],
        kind=ZIP,
        zip_code="95691",
        radius_miles=2,
    ),
    # --- Spanish ------------------------------------------------------------------------------
    J("esterilización gratis", "es", [SPAY_FREE]),
    J("castrar a mi perro barato", "es", [SPAY_LOW_COST, SPAY_FREE], kind=SYNONYM),
    J("comida para gatos callejeros", "es", ["Food for community cat caretakers"]),
    J("desalojo por mascota", "es", [EVICTION]),
    J("veterinario de emergencia", "es", [HOSPITAL]),
    J("eutanasia", "es", [EUTHANASIA_LOW_COST, EUTHANASIA_HOME]),
    J("perro perdido", "es", [LOST_KITS, LOST_SHELTER]),
    J("depósito de mascota para el casero", "es", [DEPOSIT], [DEPOSIT_ENDED], kind=SYNONYM),
    J("no puedo pagar la cirugía de mi perro", "es", [GRANTS, PAYMENT_PLANS], kind=OWNER),
    J(
        "entrenamiento de perros",
        "es",
        ["Low-cost dog training classes", "Young handlers dog club"],
        kind=SYNONYM,
    ),
    J("limpieza dental", "es", [DENTAL], MENTAL, kind=FALSE_FRIEND),
    J(
        "veterinaria",
        "es",
        ["Evening walk-in vet clinic"],
        kind=ZIP,
        zip_code="95670",
        radius_miles=3,
    ),
    # --- Chinese ------------------------------------------------------------------------------
    J("绝育", "zh-hans", [SPAY_FREE, SPAY_LOW_COST]),
    J("便宜的绝育", "zh-hans", [SPAY_LOW_COST, SPAY_FREE], kind=SYNONYM),
    J("狗粮", "zh-hans", ["Saturday pet food pick-up"], kind=SYNONYM),
    J("安乐死", "zh-hans", [EUTHANASIA_LOW_COST, EUTHANASIA_HOME]),
    J("房东不让养宠物", "zh-hans", [MEDIATION], kind=OWNER),
    J("宠物押金", "zh-hans", [DEPOSIT], [DEPOSIT_ENDED]),
    J("走失的猫", "zh-hans", [LOST_CAT]),
    J("兽医急诊", "zh-hans", [HOSPITAL]),
    J("打针", "zh-hans", [VACCINES], kind=SYNONYM),
    J("住院期间寄养宠物", "zh-hans", [CRISIS_FOSTER, FREE_BOARDING], kind=OWNER),
    J("洁牙", "zh-hans", [DENTAL], MENTAL, kind=FALSE_FRIEND),
    # --- Vietnamese, typed without tone marks ---------------------------------------------------
    J("triet san cho meo", "vi", [SPAY_FREE, SPAY_LOW_COST]),
    J("giao thuc an thu cung tan nha", "vi", ["Pet food home delivery"]),
    J("bac si thu y cap cuu", "vi", [HOSPITAL]),
    J("an tu", "vi", [EUTHANASIA_LOW_COST, EUTHANASIA_HOME]),
    J("bi duoi nha vi nuoi cho", "vi", [EVICTION], kind=OWNER),
    J("tien coc thu cung", "vi", [DEPOSIT], [DEPOSIT_ENDED]),
    J("chich ngua cho cho", "vi", [VACCINES], kind=SYNONYM),
    J("meo bi lac", "vi", [LOST_CAT], kind=SYNONYM),
    J("tu van tam ly tieng viet", "vi", ["Counselling in Vietnamese and Chinese"]),
    J("rang mieng", "vi", [DENTAL], MENTAL, kind=FALSE_FRIEND),
    J("nha tam nuoi", "vi", [CRISIS_FOSTER, "Confidential foster homes for survivors' pets"]),
    # --- Arabic -------------------------------------------------------------------------------
    J("تعقيم", "ar", [SPAY_FREE, SPAY_LOW_COST]),
    J("طبيب بيطري طوارئ", "ar", [HOSPITAL]),
    J("قتل رحيم", "ar", [EUTHANASIA_LOW_COST, EUTHANASIA_HOME]),
    J("طعام حلال", "ar", ["Halal food pantry"]),
    J("الإخلاء بسبب حيوان", "ar", [EVICTION]),
    J("تأمين الحيوان الأليف", "ar", [DEPOSIT], [DEPOSIT_ENDED]),
    J("قطة مفقودة", "ar", [LOST_CAT]),
    J("العنف الاسري", "ar", [DV_LINE]),
    J("لقاحات رخيصة", "ar", [VACCINES], kind=SYNONYM),
    J("اسنان", "ar", [DENTAL], MENTAL, kind=FALSE_FRIEND),
    J("مساعدة مالية لعملية جراحية", "ar", [GRANTS], kind=OWNER),
]
