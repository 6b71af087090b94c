"""The pet-support taxonomy: the categories every installation starts with.

Loaded by a data migration; staff can rename, reorder and extend it in the admin afterwards.
Each entry: slug, icon, {language: (name, description)}, children.
"""

TAXONOMY = [
    (
        "vet-care",
        "🩺",
        {
            "en": ("Veterinary care", "Emergency and everyday vet care you can afford."),
            "es": (
                "Atención veterinaria",
                "Atención veterinaria de emergencia y de rutina a un precio accesible.",
            ),
            "zh-hans": ("兽医护理", "负担得起的急诊和日常兽医护理。"),
            "vi": ("Chăm sóc thú y", "Chăm sóc thú y cấp cứu và thường ngày với chi phí vừa phải."),
            "ar": ("الرعاية البيطرية", "رعاية بيطرية طارئة ويومية بتكلفة في متناولك."),
        },
        [
            (
                "vet-emergency",
                "🚑",
                {
                    "en": (
                        "Emergency vet care",
                        "Clinics that see urgent cases, some with payment plans.",
                    ),
                    "es": (
                        "Emergencias veterinarias",
                        "Clínicas que atienden casos urgentes, algunas con planes de pago.",
                    ),
                    "zh-hans": ("兽医急诊", "接诊紧急病例的诊所，部分可分期付款。"),
                    "vi": ("Cấp cứu thú y", "Phòng khám nhận ca khẩn cấp, một số có trả góp."),
                    "ar": ("طوارئ بيطرية", "عيادات تستقبل الحالات العاجلة، وبعضها يقدّم خطط دفع."),
                },
            ),
            (
                "vet-wellness",
                "💉",
                {
                    "en": (
                        "Low-cost wellness and vaccines",
                        "Check-ups, vaccines and preventive care at reduced cost.",
                    ),
                    "es": (
                        "Bienestar y vacunas a bajo costo",
                        "Chequeos, vacunas y cuidado preventivo a precio reducido.",
                    ),
                    "zh-hans": ("低价保健和疫苗", "价格优惠的体检、疫苗和预防护理。"),
                    "vi": (
                        "Khám sức khỏe và tiêm phòng giá rẻ",
                        "Khám định kỳ, tiêm phòng và chăm sóc phòng ngừa giá thấp.",
                    ),
                    "ar": (
                        "فحوص ولقاحات منخفضة التكلفة",
                        "فحوص ولقاحات ورعاية وقائية بتكلفة مخفّضة.",
                    ),
                },
            ),
            (
                "spay-neuter",
                "✂️",
                {
                    "en": ("Spay and neuter", "Free and low-cost sterilisation surgery."),
                    "es": (
                        "Esterilización y castración",
                        "Cirugía de esterilización gratuita o de bajo costo.",
                    ),
                    "zh-hans": ("绝育", "免费或低价的绝育手术。"),
                    "vi": ("Triệt sản", "Phẫu thuật triệt sản miễn phí hoặc giá thấp."),
                    "ar": ("التعقيم", "عمليات تعقيم مجانية أو منخفضة التكلفة."),
                },
            ),
            (
                "microchip",
                "🔖",
                {
                    "en": (
                        "Microchipping",
                        "Microchips and registration so a lost pet can come home.",
                    ),
                    "es": (
                        "Microchips",
                        "Microchips y registro para que una mascota perdida pueda volver a casa.",
                    ),
                    "zh-hans": ("植入芯片", "植入芯片并登记，让走失的宠物能回家。"),
                    "vi": (
                        "Gắn vi mạch",
                        "Gắn vi mạch và đăng ký để thú cưng bị lạc có thể về nhà.",
                    ),
                    "ar": (
                        "الشرائح الإلكترونية",
                        "شرائح إلكترونية وتسجيل لتعود الحيوانات الضائعة إلى بيوتها.",
                    ),
                },
            ),
            (
                "end-of-life",
                "🕯️",
                {
                    "en": (
                        "End-of-life care",
                        "Compassionate euthanasia, cremation and grief support.",
                    ),
                    "es": (
                        "Cuidados al final de la vida",
                        "Eutanasia compasiva, cremación y apoyo en el duelo.",
                    ),
                    "zh-hans": ("临终关怀", "人道安乐死、火化和哀伤支持。"),
                    "vi": (
                        "Chăm sóc cuối đời",
                        "An tử nhân đạo, hỏa táng và hỗ trợ vượt qua mất mát.",
                    ),
                    "ar": ("رعاية نهاية الحياة", "قتل رحيم وحرق الجثمان ودعم في الحزن."),
                },
            ),
        ],
    ),
    (
        "pet-food",
        "🥫",
        {
            "en": (
                "Pet food and supplies",
                "Pantries and programmes with food, litter, leashes and more.",
            ),
            "es": (
                "Comida y suministros para mascotas",
                "Despensas y programas con comida, arena, correas y más.",
            ),
            "zh-hans": ("宠物食品和用品", "提供食品、猫砂、牵引绳等的食品站和项目。"),
            "vi": (
                "Thức ăn và đồ dùng cho thú cưng",
                "Nơi phát thức ăn, cát vệ sinh, dây dắt và nhiều thứ khác.",
            ),
            "ar": (
                "طعام ومستلزمات الحيوانات",
                "بنوك طعام وبرامج توفّر الطعام والرمل والأطواق وغيرها.",
            ),
        },
        [],
    ),
    (
        "housing",
        "🏠",
        {
            "en": ("Housing with pets", "Help to find or keep a home where your pet is welcome."),
            "es": (
                "Vivienda con mascotas",
                "Ayuda para encontrar o conservar un hogar donde su mascota sea bienvenida.",
            ),
            "zh-hans": ("带宠物住房", "帮助您找到或保住欢迎宠物的住所。"),
            "vi": ("Nhà ở có thú cưng", "Hỗ trợ tìm hoặc giữ nơi ở chào đón thú cưng của bạn."),
            "ar": (
                "السكن مع الحيوانات الأليفة",
                "مساعدة في إيجاد مسكن يرحّب بحيوانك أو الحفاظ عليه.",
            ),
        },
        [
            (
                "pet-friendly-housing",
                "🔑",
                {
                    "en": (
                        "Pet-friendly housing search",
                        "Listings and advice for renting with pets.",
                    ),
                    "es": (
                        "Búsqueda de vivienda que acepta mascotas",
                        "Anuncios y consejos para alquilar con mascotas.",
                    ),
                    "zh-hans": ("寻找可养宠物的住房", "带宠物租房的房源和建议。"),
                    "vi": (
                        "Tìm nhà cho phép nuôi thú cưng",
                        "Danh sách nhà và lời khuyên khi thuê nhà có thú cưng.",
                    ),
                    "ar": (
                        "البحث عن سكن يقبل الحيوانات",
                        "إعلانات ونصائح للاستئجار مع الحيوانات الأليفة.",
                    ),
                },
            ),
            (
                "pet-deposit-help",
                "💳",
                {
                    "en": (
                        "Pet deposit and fee assistance",
                        "Help paying pet deposits, fees and pet rent.",
                    ),
                    "es": (
                        "Ayuda con depósitos y cuotas por mascota",
                        "Ayuda para pagar depósitos, cuotas y renta por mascota.",
                    ),
                    "zh-hans": ("宠物押金和费用补助", "帮助支付宠物押金、费用和宠物租金。"),
                    "vi": (
                        "Hỗ trợ tiền cọc và phí thú cưng",
                        "Giúp trả tiền cọc, phí và tiền thuê cho thú cưng.",
                    ),
                    "ar": (
                        "مساعدة في تأمين ورسوم الحيوانات",
                        "مساعدة في دفع تأمين الحيوانات ورسومها وإيجارها.",
                    ),
                },
            ),
            (
                "landlord-legal",
                "⚖️",
                {
                    "en": (
                        "Landlord mediation and legal help",
                        "Free mediation and legal advice about pets and tenancy.",
                    ),
                    "es": (
                        "Mediación con arrendadores y ayuda legal",
                        "Mediación y asesoría legal gratuitas sobre mascotas y alquiler.",
                    ),
                    "zh-hans": ("房东调解和法律帮助", "关于宠物和租约的免费调解和法律咨询。"),
                    "vi": (
                        "Hòa giải với chủ nhà và trợ giúp pháp lý",
                        "Hòa giải và tư vấn pháp lý miễn phí về thú cưng và thuê nhà.",
                    ),
                    "ar": (
                        "الوساطة مع المالك والمساعدة القانونية",
                        "وساطة واستشارة قانونية مجانية بشأن الحيوانات والإيجار.",
                    ),
                },
            ),
        ],
    ),
    (
        "temporary-care",
        "🤝",
        {
            "en": ("Temporary care", "Somewhere safe for your pet while you get through a crisis."),
            "es": (
                "Cuidado temporal",
                "Un lugar seguro para su mascota mientras supera una crisis.",
            ),
            "zh-hans": ("临时照顾", "在您度过危机期间为宠物提供安全的地方。"),
            "vi": (
                "Chăm sóc tạm thời",
                "Nơi an toàn cho thú cưng trong lúc bạn vượt qua khủng hoảng.",
            ),
            "ar": ("رعاية مؤقتة", "مكان آمن لحيوانك بينما تتجاوز أزمتك."),
        },
        [
            (
                "emergency-boarding",
                "🛏️",
                {
                    "en": (
                        "Emergency boarding",
                        "Short stays for pets during a hospital stay, eviction or disaster.",
                    ),
                    "es": (
                        "Alojamiento de emergencia",
                        "Estancias cortas para mascotas durante una hospitalización, desalojo o desastre.",
                    ),
                    "zh-hans": ("紧急寄养", "在住院、被驱逐或灾难期间为宠物提供短期寄养。"),
                    "vi": (
                        "Lưu trú khẩn cấp",
                        "Giữ thú cưng ngắn ngày khi bạn nằm viện, bị đuổi nhà hoặc gặp thiên tai.",
                    ),
                    "ar": (
                        "إيواء طارئ",
                        "إقامة قصيرة للحيوانات أثناء دخول المستشفى أو الإخلاء أو الكوارث.",
                    ),
                },
            ),
            (
                "crisis-foster",
                "🏡",
                {
                    "en": (
                        "Foster for people in crisis",
                        "Volunteer foster homes until you and your pet can be together again.",
                    ),
                    "es": (
                        "Hogares temporales para personas en crisis",
                        "Hogares voluntarios hasta que usted y su mascota puedan reunirse.",
                    ),
                    "zh-hans": ("为危机中的人提供寄养", "志愿寄养家庭，直到您和宠物能再次团聚。"),
                    "vi": (
                        "Nhà tạm nuôi cho người gặp khủng hoảng",
                        "Gia đình tình nguyện nuôi tạm đến khi bạn và thú cưng đoàn tụ.",
                    ),
                    "ar": (
                        "رعاية بديلة لمن يمرّون بأزمة",
                        "بيوت متطوعين إلى أن تجتمع مع حيوانك من جديد.",
                    ),
                },
            ),
        ],
    ),
    (
        "behaviour",
        "🎓",
        {
            "en": (
                "Behaviour and training",
                "Trainers, behaviourists and classes, many free or low cost.",
            ),
            "es": (
                "Comportamiento y adiestramiento",
                "Adiestradores, especialistas en conducta y clases, muchas gratis o de bajo costo.",
            ),
            "zh-hans": ("行为和训练", "训练师、行为专家和课程，很多免费或低价。"),
            "vi": (
                "Hành vi và huấn luyện",
                "Huấn luyện viên, chuyên gia hành vi và lớp học, nhiều nơi miễn phí hoặc giá thấp.",
            ),
            "ar": (
                "السلوك والتدريب",
                "مدرّبون وأخصائيو سلوك ودروس، كثير منها مجاني أو منخفض التكلفة.",
            ),
        },
        [],
    ),
    (
        "rehoming",
        "💛",
        {
            "en": (
                "Rehoming support",
                "If you decide to rehome, help to find a good home directly.",
            ),
            "es": (
                "Apoyo para buscar un nuevo hogar",
                "Si decide buscarle otro hogar, ayuda para encontrar uno bueno directamente.",
            ),
            "zh-hans": ("重新安置支持", "如果您决定为宠物另找新家，帮助您直接找到好人家。"),
            "vi": (
                "Hỗ trợ tìm nhà mới",
                "Nếu bạn quyết định tìm nhà mới cho thú cưng, giúp bạn tìm trực tiếp một nhà tốt.",
            ),
            "ar": (
                "دعم إيجاد بيت جديد",
                "إن قرّرت إيجاد بيت جديد لحيوانك، نساعدك على إيجاد بيت جيد مباشرة.",
            ),
        },
        [],
    ),
    (
        "lost-found",
        "🔎",
        {
            "en": (
                "Lost and found pets",
                "Search, report and reunite lost pets with their families.",
            ),
            "es": (
                "Mascotas perdidas y encontradas",
                "Buscar, reportar y reunir a mascotas perdidas con sus familias.",
            ),
            "zh-hans": ("走失和拾获的宠物", "寻找、报告走失宠物并帮助它们与家人团聚。"),
            "vi": (
                "Thú cưng bị lạc và được tìm thấy",
                "Tìm kiếm, báo tin và đưa thú cưng bị lạc về với gia đình.",
            ),
            "ar": (
                "الحيوانات الضائعة والمعثور عليها",
                "البحث عن الحيوانات الضائعة والإبلاغ عنها وإعادتها إلى أسرها.",
            ),
        },
        [],
    ),
    (
        "dv-safe-haven",
        "🛡️",
        {
            "en": (
                "Safe havens for pets of survivors",
                "Confidential shelter for the pets of people fleeing domestic violence.",
            ),
            "es": (
                "Refugios seguros para mascotas de sobrevivientes",
                "Refugio confidencial para las mascotas de personas que huyen de la violencia doméstica.",
            ),
            "zh-hans": ("幸存者宠物的安全避风港", "为逃离家庭暴力者的宠物提供保密庇护。"),
            "vi": (
                "Nơi trú ẩn an toàn cho thú cưng của người bị bạo hành",
                "Nơi trú ẩn bí mật cho thú cưng của người đang thoát khỏi bạo lực gia đình.",
            ),
            "ar": ("ملاذ آمن لحيوانات الناجين", "مأوى سرّي لحيوانات من يفرّون من العنف الأسري."),
        },
        [],
    ),
    (
        "financial-help",
        "💵",
        {
            "en": ("Financial assistance", "Grants and funds for vet bills and other pet costs."),
            "es": (
                "Ayuda económica",
                "Subvenciones y fondos para cuentas veterinarias y otros gastos.",
            ),
            "zh-hans": ("经济援助", "用于兽医费用和其他宠物开支的补助和基金。"),
            "vi": ("Hỗ trợ tài chính", "Trợ cấp và quỹ cho hóa đơn thú y và chi phí khác."),
            "ar": ("مساعدة مالية", "منح وصناديق لفواتير البيطري وتكاليف الحيوانات الأخرى."),
        },
        [],
    ),
    (
        "transport",
        "🚐",
        {
            "en": ("Pet transport", "Rides to the vet, the groomer or a new home."),
            "es": (
                "Transporte de mascotas",
                "Traslados al veterinario, a la peluquería o a un nuevo hogar.",
            ),
            "zh-hans": ("宠物接送", "接送宠物去兽医、美容店或新家。"),
            "vi": (
                "Đưa đón thú cưng",
                "Đưa thú cưng đến bác sĩ thú y, tiệm chăm sóc hoặc nhà mới.",
            ),
            "ar": ("نقل الحيوانات", "توصيل إلى البيطري أو صالون العناية أو البيت الجديد."),
        },
        [],
    ),
    (
        "grooming",
        "🛁",
        {
            "en": ("Grooming", "Free and low-cost grooming, baths and nail trims."),
            "es": ("Peluquería", "Peluquería, baños y corte de uñas gratis o de bajo costo."),
            "zh-hans": ("美容", "免费或低价的美容、洗澡和剪指甲。"),
            "vi": ("Chăm sóc lông", "Cắt tỉa, tắm và cắt móng miễn phí hoặc giá thấp."),
            "ar": ("العناية والتجميل", "تجميل واستحمام وقصّ أظافر مجاناً أو بتكلفة منخفضة."),
        },
        [],
    ),
    (
        "human-services",
        "🧡",
        {
            "en": (
                "Services for people",
                "Help for you and your family: food, housing, health and legal aid.",
            ),
            "es": (
                "Servicios para personas",
                "Ayuda para usted y su familia: comida, vivienda, salud y asesoría legal.",
            ),
            "zh-hans": ("为人提供的服务", "为您和家人提供帮助：食物、住房、健康和法律援助。"),
            "vi": (
                "Dịch vụ cho con người",
                "Hỗ trợ bạn và gia đình: thực phẩm, nhà ở, sức khỏe và trợ giúp pháp lý.",
            ),
            "ar": ("خدمات للأشخاص", "مساعدة لك ولعائلتك: طعام وسكن وصحة ومساعدة قانونية."),
        },
        [
            (
                "food",
                "🍎",
                {
                    "en": ("Food", "Food banks, meals and grocery help for people."),
                    "es": ("Alimentos", "Bancos de alimentos, comidas y ayuda con el mandado."),
                    "zh-hans": ("食物", "食物银行、餐食和购物援助。"),
                    "vi": ("Thực phẩm", "Ngân hàng thực phẩm, bữa ăn và hỗ trợ mua thực phẩm."),
                    "ar": ("الطعام", "بنوك طعام ووجبات ومساعدة في شراء البقالة."),
                },
            ),
            (
                "shelter-housing",
                "🛏",
                {
                    "en": (
                        "Housing and shelter",
                        "Emergency shelter, rent help and housing advice.",
                    ),
                    "es": (
                        "Vivienda y albergue",
                        "Albergue de emergencia, ayuda con la renta y asesoría de vivienda.",
                    ),
                    "zh-hans": ("住房和庇护", "紧急庇护所、租金补助和住房咨询。"),
                    "vi": (
                        "Nhà ở và nơi tạm trú",
                        "Nơi tạm trú khẩn cấp, hỗ trợ tiền thuê và tư vấn nhà ở.",
                    ),
                    "ar": ("السكن والمأوى", "مأوى طارئ ومساعدة في الإيجار واستشارات سكنية."),
                },
            ),
            (
                "mental-health",
                "🫶",
                {
                    "en": ("Mental health", "Counselling and crisis lines."),
                    "es": ("Salud mental", "Consejería y líneas de crisis."),
                    "zh-hans": ("心理健康", "心理咨询和危机热线。"),
                    "vi": ("Sức khỏe tâm thần", "Tư vấn tâm lý và đường dây khủng hoảng."),
                    "ar": ("الصحة النفسية", "إرشاد نفسي وخطوط مساعدة في الأزمات."),
                },
            ),
            (
                "substance-use",
                "🌱",
                {
                    "en": ("Substance use support", "Confidential help with alcohol and drug use."),
                    "es": (
                        "Apoyo por consumo de sustancias",
                        "Ayuda confidencial con el consumo de alcohol y drogas.",
                    ),
                    "zh-hans": ("物质使用支持", "关于酒精和药物使用的保密帮助。"),
                    "vi": (
                        "Hỗ trợ về sử dụng chất gây nghiện",
                        "Hỗ trợ bảo mật về sử dụng rượu và ma túy.",
                    ),
                    "ar": ("دعم في تعاطي المواد", "مساعدة سرّية بشأن الكحول والمخدرات."),
                },
            ),
            (
                "legal-aid",
                "📜",
                {
                    "en": ("Legal aid", "Free legal advice and representation."),
                    "es": ("Asesoría legal", "Asesoría y representación legal gratuitas."),
                    "zh-hans": ("法律援助", "免费法律咨询和代理。"),
                    "vi": ("Trợ giúp pháp lý", "Tư vấn và đại diện pháp lý miễn phí."),
                    "ar": ("المساعدة القانونية", "استشارة وتمثيل قانوني مجاني."),
                },
            ),
        ],
    ),
]


def taxonomy_load(category_model) -> int:
    """Create the categories of ``TAXONOMY`` that are missing; return how many were made.

    Categories already there (perhaps renamed or moved by staff) are left as they are. Takes the
    model as an argument so that the data migration can pass its historical model.
    """
    import uuid

    from modeltranslation.utils import build_localized_fieldname

    created = 0

    def upsert(entry, parent, order):
        nonlocal created
        slug, icon, texts = entry[:3]
        fields = {"parent": parent, "icon": icon, "sort_order": order}
        for code, (name, description) in texts.items():
            fields[build_localized_fieldname("name", code)] = name
            fields[build_localized_fieldname("description", code)] = description
        fields["name"], fields["description"] = texts["en"]
        category, is_new = category_model.objects.get_or_create(
            slug=slug, defaults={**fields, "hsds_id": uuid.uuid4()}
        )
        created += is_new
        return category

    for order, entry in enumerate(TAXONOMY):
        parent = upsert(entry, None, order)
        for child_order, child in enumerate(entry[3]):
            upsert(child, parent, child_order)
    return created
