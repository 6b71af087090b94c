"""Small builders and shared phrases for the demo directory.

Every text is a dict of language code to string. English and Spanish are always present; Chinese
(zh-hans), Vietnamese and Arabic only where a listing has been translated, so the "shown in
English" notice appears for the rest.
"""

DAY_CODES = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]


def t(en, es, zh=None, vi=None, ar=None):
    """One text in the site's languages; Chinese, Vietnamese and Arabic are optional."""
    text = {"en": en, "es": es}
    for code, value in (("zh-hans", zh), ("vi", vi), ("ar", ar)):
        if value:
            text[code] = value
    return text


def same(name):
    """A proper name written the same way in English and Spanish."""
    return {"en": name, "es": name}


def _days(spec):
    if spec == "daily":
        return list(range(7))
    days = []
    for part in spec.split(","):
        first, _, last = part.partition("-")
        start = DAY_CODES.index(first)
        end = DAY_CODES.index(last) if last else start
        days.extend(range(start, end + 1))
    return days


def hours(*periods):
    """Weekly periods as (days, opens, closes[, location key]); days like "Mo-Fr", "Sa,Su", "daily".

    A period whose closing time is earlier than its opening time runs past midnight.
    """
    rows = []
    for days, opens, closes, *location in periods:
        for day in _days(days):
            rows.append((day, opens, closes, location[0] if location else None))
    return rows


def phone(number, kind="voice", languages=("en", "es"), description=None):
    return {
        "number": number,
        "type": kind,
        "languages": list(languages),
        "description": description,
    }


# Common weekly schedules.
OFFICE = hours(("Mo-Fr", "09:00", "17:00"))
ALWAYS = hours(("daily", "00:00", "23:59"))
ALWAYS_NOTE = t(
    "Answered 24 hours a day, every day, including holidays.",
    "Se atiende las 24 horas, todos los días, incluidos los feriados.",
    "全年无休，每天24小时接听，节假日也不例外。",
    "Trực 24 giờ mỗi ngày, kể cả ngày lễ.",
    "نجيب على مدار 24 ساعة يومياً، بما في ذلك أيام العطل.",
)
BY_APPOINTMENT = t(
    "By appointment only. Call and leave a message; we return every call within two working days.",
    "Solo con cita. Llame y deje un mensaje; devolvemos todas las llamadas en un plazo de dos días hábiles.",
)

# How to apply: sentences many listings share.
APPLY = {
    "walk_in": t(
        "Just come in during opening hours. No appointment is needed and nobody will ask you to prove anything.",
        "Venga durante el horario de atención. No necesita cita y nadie le pedirá que compruebe nada.",
    ),
    "call": t(
        "Call us. We will listen to what is going on, answer your questions and book a time that works for you.",
        "Llámenos. Escucharemos lo que está pasando, responderemos sus preguntas y le daremos una cita que le convenga.",
    ),
    "call_or_text": t(
        "Call or text the number below. If we miss you, we call back the same day, and we never leave details in a voicemail unless you ask us to.",
        "Llame o envíe un mensaje de texto al número de abajo. Si no le contestamos, le devolvemos la llamada el mismo día, y nunca dejamos detalles en el buzón de voz a menos que usted lo pida.",
    ),
    "online_or_call": t(
        "Fill in the short form on our website or call us; a staff member will reply within two working days. If a form is hard to use, just call and we will fill it in with you.",
        "Llene el formulario breve en nuestro sitio web o llámenos; alguien del equipo le responderá en un plazo de dos días hábiles. Si el formulario le resulta difícil, llame y lo llenamos juntos.",
    ),
    "referral": t(
        "Ask your case manager at any partner shelter to refer you, or call us directly. Either way works.",
        "Pida a su administrador de casos en cualquier refugio asociado que lo refiera, o llámenos directamente. Las dos opciones funcionan.",
    ),
    "hotline": t(
        "Call the line at any time. You do not have to give your name. The person who answers will talk through your options with you and, if you want, arrange the next step.",
        "Llame a la línea en cualquier momento. No tiene que dar su nombre. La persona que conteste hablará con usted sobre sus opciones y, si usted quiere, organizará el siguiente paso.",
    ),
}

# Who can get help.
ELIGIBILITY = {
    "county": t(
        "Anyone who lives in Riverbend County. We do not ask about income, benefits or immigration status.",
        "Cualquier persona que viva en el condado de Riverbend. No preguntamos por sus ingresos, beneficios ni situación migratoria.",
    ),
    "anyone": t(
        "Anyone who needs it. No questions about income, housing or immigration status.",
        "Cualquier persona que lo necesite. Sin preguntas sobre ingresos, vivienda ni situación migratoria.",
    ),
    "struggling": t(
        "People in Riverbend County who are finding pet costs hard right now. We take your word for it: there is no income test and no paperwork to qualify.",
        "Personas del condado de Riverbend a quienes ahora les cuesta cubrir los gastos de su mascota. Le creemos: no hay requisito de ingresos ni papeles que presentar para calificar.",
    ),
}

# About the cost.
COST = {
    "free": t(
        "Free. There is nothing to pay.",
        "Gratis. No hay nada que pagar.",
    ),
    "donation": t(
        "Free. Donations are welcome but never expected.",
        "Gratis. Las donaciones son bienvenidas, pero nunca se esperan.",
    ),
    "sliding": t(
        "Sliding scale: you tell us what you can pay. Nobody is turned away because they cannot pay.",
        "Escala móvil: usted nos dice cuánto puede pagar. A nadie se le niega la atención por no poder pagar.",
    ),
}

BRING_IF_YOU_HAVE = t(
    "Any vet records you have (helpful, not required)",
    "Los registros veterinarios que tenga (ayudan, pero no son obligatorios)",
)
