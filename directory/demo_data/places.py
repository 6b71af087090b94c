"""The fictional Riverbend County: its towns, the organisations that serve it and their sites.

Town names are invented; the ZIP codes are real ones around Sacramento, California, so the
offline ``zipcodes`` data can place them and measure distances.
"""

from .text import same, t

STATE = "CA"

TOWNS = {
    "Riverbend": ["95814", "95815", "95816", "95817", "95818", "95819", "95820", "95822"],
    "Millbrook": ["95608", "95821", "95825"],
    "Cedar Falls": ["95670", "95826", "95827"],
    "Oak Hollow": ["95610", "95630"],
    "Lakeside": ["95691"],
    "Pinecrest": ["95624", "95758", "95823", "95824", "95828"],
}
TOWN_BY_ZIP = {code: town for town, codes in TOWNS.items() for code in codes}

ORGANIZATIONS = {
    "rcas": dict(
        name=same("Riverbend County Animal Services"),
        description=t(
            "The county's public animal shelter and field service. Besides lost and found pets and microchips, its pet support team runs the hotline that helps families before anyone has to think about surrender.",
            "El refugio público de animales del condado y su servicio de campo. Además de atender mascotas perdidas y encontradas y colocar microchips, su equipo de apoyo a mascotas atiende la línea de ayuda para las familias antes de que nadie tenga que pensar en entregar a su mascota.",
        ),
        website="https://animals.riverbendcounty.example.org",
        email="petsupport@riverbendcounty.example.org",
    ),
    "rchs": dict(
        name=same("Riverbend County Humane Society"),
        description=t(
            "A community-funded nonprofit shelter, in Riverbend since 1958. Its case managers help people keep their pets through food, boarding, vet help and a listening ear, and take animals in only when there is no better way.",
            "Un refugio sin fines de lucro financiado por la comunidad, en Riverbend desde 1958. Sus administradores de casos ayudan a las personas a quedarse con sus mascotas con comida, alojamiento, ayuda veterinaria y alguien que escucha, y solo reciben animales cuando no hay una mejor opción.",
        ),
        website="https://riverbendhumane.example.org",
        email="hello@riverbendhumane.example.org",
    ),
    "spca": dict(
        name=same("Cedar Falls SPCA"),
        description=t(
            "An independent SPCA serving the eastern half of the county, with a low-cost clinic, a pet pantry, a behaviour programme and a small boarding kennel.",
            "Una SPCA independiente que atiende la mitad este del condado, con una clínica de bajo costo, una despensa para mascotas, un programa de comportamiento y una pequeña residencia canina.",
        ),
        website="https://cedarfallsspca.example.org",
        email="info@cedarfallsspca.example.org",
    ),
    "mbclinic": dict(
        name=same("Millbrook Community Veterinary Clinic"),
        description=t(
            "A nonprofit, full-service veterinary clinic that charges on a sliding scale. Staffed by two vets and four technicians; Spanish and Vietnamese spoken.",
            "Una clínica veterinaria sin fines de lucro y de servicio completo que cobra según una escala móvil. Cuenta con dos veterinarias y cuatro técnicos; se habla español y vietnamita.",
        ),
        website="https://millbrookvetclinic.example.org",
        email="frontdesk@millbrookvetclinic.example.org",
    ),
    "fixit": dict(
        name=same("Fix Riverbend Spay & Neuter Clinic"),
        description=t(
            "A high-volume, low-cost spay and neuter clinic for cats, dogs and rabbits, funded by county grants and local donors.",
            "Una clínica de esterilización de bajo costo y alto volumen para gatos, perros y conejos, financiada con subvenciones del condado y donantes locales.",
        ),
        website="https://fixriverbend.example.org",
        email="appointments@fixriverbend.example.org",
    ),
    "er": dict(
        name=same("Riverbend Valley Animal Emergency Center"),
        description=t(
            "The county's 24-hour emergency and critical-care animal hospital. It offers payment plans and keeps a compassion fund for families in a hard spot.",
            "El hospital veterinario de emergencias y cuidados intensivos del condado, abierto las 24 horas. Ofrece planes de pago y mantiene un fondo solidario para familias en una situación difícil.",
        ),
        website="https://rvaec.example.org",
        email="billing@rvaec.example.org",
    ),
    "pantry": dict(
        name=same("Paws Pantry of Riverbend County"),
        description=t(
            "A volunteer-run pet food bank. It collects donated food and litter from stores and neighbours and hands them out every week at two sites, with home delivery for people who cannot get out.",
            "Un banco de comida para mascotas atendido por voluntarios. Recoge comida y arena donadas por tiendas y vecinos y las reparte cada semana en dos sitios, con entrega a domicilio para quienes no pueden salir.",
        ),
        website="https://pawspantry.example.org",
        email="volunteers@pawspantry.example.org",
    ),
    "foodbank": dict(
        name=t("Riverbend County Food Bank", "Banco de Alimentos del Condado de Riverbend"),
        description=t(
            "The county's main food bank, supplying 60 pantries and running its own weekly distributions. Pet food is included whenever donations allow.",
            "El principal banco de alimentos del condado, que abastece a 60 despensas y organiza sus propias distribuciones semanales. Incluye comida para mascotas siempre que las donaciones lo permiten.",
        ),
        website="https://riverbendfoodbank.example.org",
    ),
    "tenants": dict(
        name=t("Riverbend Tenants' Union", "Sindicato de Inquilinos de Riverbend"),
        description=t(
            "A member-run tenants' organisation that offers free advice, mediation with landlords and workshops on renters' rights, including the right to keep a pet.",
            "Una organización de inquilinos dirigida por sus miembros que ofrece asesoría gratuita, mediación con arrendadores y talleres sobre los derechos de quienes rentan, incluido el derecho a tener mascotas.",
        ),
        website="https://riverbendtenants.example.org",
        email="help@riverbendtenants.example.org",
    ),
    "legal": dict(
        name=t(
            "Legal Aid Society of Riverbend County",
            "Sociedad de Asistencia Legal del Condado de Riverbend",
        ),
        description=t(
            "Free civil legal help: housing and eviction, family law, benefits, and protective orders that can include pets.",
            "Ayuda legal civil gratuita: vivienda y desalojos, derecho familiar, beneficios y órdenes de protección que pueden incluir a las mascotas.",
        ),
        website="https://riverbendlegalaid.example.org",
        email="intake@riverbendlegalaid.example.org",
    ),
    "behaviour": dict(
        name=same("Calm Companions Behavior Project"),
        description=t(
            "A nonprofit of certified trainers and a veterinary behaviourist. It uses reward-based methods only and keeps its prices low so behaviour problems do not cost a pet its home.",
            "Una organización sin fines de lucro de adiestradores certificados y una veterinaria especialista en conducta. Solo usa métodos basados en recompensas y mantiene precios bajos para que un problema de comportamiento no le cueste el hogar a una mascota.",
        ),
        website="https://calmcompanions.example.org",
        email="help@calmcompanions.example.org",
    ),
    "dv": dict(
        name=t(
            "Safe Harbor Domestic Violence Network",
            "Red Safe Harbor contra la Violencia Doméstica",
        ),
        description=t(
            "Crisis support, shelter and advocacy for survivors of domestic violence and their children and pets. Services are confidential; shelter locations are never published.",
            "Apoyo en crisis, albergue y acompañamiento para sobrevivientes de violencia doméstica, sus hijos y sus mascotas. Los servicios son confidenciales; la ubicación de los albergues nunca se publica.",
        ),
        website="https://safeharbor-riverbend.example.org",
    ),
    "mh": dict(
        name=t(
            "Riverbend Valley Mental Health Center",
            "Centro de Salud Mental de Riverbend Valley",
        ),
        description=t(
            "A community mental-health centre with a crisis line, walk-in support and counselling on a sliding scale. Service animals and, in the lobby, calm pets are welcome.",
            "Un centro comunitario de salud mental con línea de crisis, atención sin cita y consejería con escala móvil. Los animales de servicio son bienvenidos y, en la sala de espera, también las mascotas tranquilas.",
        ),
        website="https://rvmhc.example.org",
    ),
    "recovery": dict(
        name=t("Pinecrest Recovery Collective", "Colectivo de Recuperación Pinecrest"),
        description=t(
            "Peer-led and clinical support for people who use alcohol or drugs, from harm reduction to outpatient treatment. It works with local shelters so nobody has to choose between treatment and their pet.",
            "Apoyo entre pares y clínico para personas que consumen alcohol o drogas, desde la reducción de daños hasta el tratamiento ambulatorio. Trabaja con los refugios locales para que nadie tenga que elegir entre el tratamiento y su mascota.",
        ),
        website="https://pinecrestrecovery.example.org",
    ),
    "housing": dict(
        name=t("Open Doors Housing Coalition", "Coalición de Vivienda Open Doors"),
        description=t(
            "Housing navigators who help people find and keep a home, with a pet-inclusive housing programme run with the county's shelters.",
            "Orientadores de vivienda que ayudan a las personas a encontrar y conservar un hogar, con un programa de vivienda que incluye a las mascotas, en colaboración con los refugios del condado.",
        ),
        website="https://opendoorsriverbend.example.org",
        email="navigators@opendoorsriverbend.example.org",
    ),
    "vetfund": dict(
        name=t("Keep Together Pet Fund", "Fondo Keep Together para Mascotas"),
        description=t(
            "A community fund that pays vets directly for urgent care, so a bill never has to be the reason a family gives up a pet.",
            "Un fondo comunitario que paga directamente a los veterinarios por la atención urgente, para que una cuenta nunca sea la razón por la que una familia renuncie a su mascota.",
        ),
        website="https://keeptogetherfund.example.org",
        email="grants@keeptogetherfund.example.org",
    ),
    "wheels": dict(
        name=same("Paws on Wheels Riverbend"),
        description=t(
            "Volunteer drivers who take pets, and their people, to vet appointments, surgery days and pet pantries.",
            "Choferes voluntarios que llevan a las mascotas, y a sus dueños, a citas veterinarias, días de cirugía y despensas para mascotas.",
        ),
        website="https://pawsonwheels.example.org",
    ),
    "grooming": dict(
        name=t("Oak Hollow Grooming Academy", "Academia de Peluquería Canina de Oak Hollow"),
        description=t(
            "A vocational school for pet groomers. Students groom pets at low cost under an instructor's eye, and the school runs a mobile van for people who cannot travel.",
            "Una escuela técnica para peluqueros de mascotas. Los estudiantes atienden mascotas a bajo costo bajo la supervisión de un instructor, y la escuela tiene una camioneta móvil para quienes no pueden desplazarse.",
        ),
        website="https://oakhollowgrooming.example.org",
    ),
    "cats": dict(
        name=t("Lakeside Community Cats", "Gatos Comunitarios de Lakeside"),
        description=t(
            "Neighbours who care for the outdoor cats of Lakeside: trap-neuter-return, food for colony caretakers, and help rehoming friendly cats and kittens.",
            "Vecinos que cuidan a los gatos callejeros de Lakeside: captura, esterilización y retorno, comida para quienes cuidan colonias y ayuda para encontrar hogar a gatos y gatitos sociables.",
        ),
        website="https://lakesidecats.example.org",
        email="cats@lakesidecats.example.org",
    ),
    "rabbits": dict(
        name=same("Riverbend Rabbit & Small Animal Rescue"),
        description=t(
            "A foster-based rescue for rabbits, guinea pigs, rats and other small animals, with low-cost spay and neuter, nail trims and rehoming help.",
            "Un rescate con hogares temporales para conejos, cuyos, ratas y otros animales pequeños, con esterilización de bajo costo, corte de uñas y ayuda para encontrarles un nuevo hogar.",
        ),
        website="https://riverbendrabbits.example.org",
    ),
    "equine": dict(
        name=same("Oak Hollow Equine & Livestock Safety Net"),
        description=t(
            "Hay, emergency boarding, evacuation trailers and rehoming help for people with horses, goats, sheep, pigs and poultry.",
            "Heno, alojamiento de emergencia, remolques para evacuación y ayuda para encontrar nuevo hogar para personas con caballos, cabras, ovejas, cerdos y aves de corral.",
        ),
        website="https://oakhollowsafetynet.example.org",
    ),
    "hospice": dict(
        name=same("Gentle Goodbyes Pet Hospice"),
        description=t(
            "Two vets and a grief counsellor who provide comfort care, peaceful euthanasia at home and support for the family afterwards.",
            "Dos veterinarios y una consejera en duelo que brindan cuidados paliativos, eutanasia tranquila en casa y apoyo para la familia después.",
        ),
        website="https://gentlegoodbyes.example.org",
    ),
    "seniors": dict(
        name=t(
            "Riverbend County Area Agency on Aging",
            "Agencia para Personas Mayores del Condado de Riverbend",
        ),
        description=t(
            "Meals, transport and benefits advice for people aged 60 and over, and a pet programme because companions matter at any age.",
            "Comidas, transporte y asesoría sobre beneficios para personas de 60 años o más, y un programa para mascotas, porque la compañía importa a cualquier edad.",
        ),
        website="https://aging.riverbendcounty.example.org",
    ),
    "lotus": dict(
        name=t("Lotus Family Resource Center", "Centro de Recursos Familiares Lotus"),
        description=t(
            "A community centre serving Vietnamese and Chinese families since 1985: groceries, counselling, help with forms, and a monthly pet clinic with interpreters.",
            "Un centro comunitario que atiende a familias vietnamitas y chinas desde 1985: alimentos, consejería, ayuda con trámites y una clínica mensual para mascotas con intérpretes.",
        ),
        website="https://lotuscenter.example.org",
    ),
    "alnoor": dict(
        name=same("Al-Noor Family Center"),
        description=t(
            "A family centre founded by Arabic-speaking immigrants and refugees, offering a halal food pantry, housing help for newcomers and referrals in Arabic, Dari and Farsi.",
            "Un centro familiar fundado por inmigrantes y refugiados de habla árabe, que ofrece una despensa de alimentos halal, ayuda de vivienda para recién llegados y referencias en árabe, dari y farsi.",
        ),
        website="https://alnoorcenter.example.org",
    ),
    "outreach": dict(
        name=t("Pinecrest Street Outreach", "Alcance Comunitario de Pinecrest"),
        description=t(
            "Health care, showers, mail and pet care for people experiencing homelessness, from a day centre and a street team.",
            "Atención médica, duchas, correo y cuidado de mascotas para personas que viven sin hogar, desde un centro de día y un equipo de calle.",
        ),
        website="https://pinecrestoutreach.example.org",
    ),
    "college": dict(
        name=t(
            "Riverbend Community College Veterinary Technology Program",
            "Programa de Técnico Veterinario de Riverbend Community College",
        ),
        description=t(
            "Students in their final year offer check-ups, vaccines and dental cleanings under licensed vets, at a fraction of the usual price.",
            "Estudiantes de último año ofrecen chequeos, vacunas y limpiezas dentales bajo la supervisión de veterinarios con licencia, a una fracción del precio habitual.",
        ),
        website="https://vettech.riverbendcc.example.edu",
    ),
    "harbor": dict(
        name=same("Harbor House Family Shelter"),
        description=t(
            "An emergency shelter for families and single adults, and the only one in the county where residents can keep their pets on site.",
            "Un albergue de emergencia para familias y personas solas, y el único del condado donde los residentes pueden tener a sus mascotas en el mismo lugar.",
        ),
        website="https://harborhouse.example.org",
    ),
    "211": dict(
        name=same("Riverbend 2-1-1"),
        description=t(
            "The county's free, confidential information line for food, housing, health and crisis services, answered day and night in more than 150 languages through interpreters.",
            "La línea de información gratuita y confidencial del condado sobre alimentos, vivienda, salud y servicios en crisis, atendida de día y de noche en más de 150 idiomas con intérpretes.",
        ),
        website="https://211riverbend.example.org",
    ),
}

# key: organisation, name, street, ZIP, accessibility, getting there. A "confidential" site is
# known to staff only: it is used by confidential listings and never shown to the public.
LOCATIONS = {
    "rcas-shelter": dict(
        org="rcas",
        name=t("Riverbend County Animal Shelter", "Refugio de Animales del Condado de Riverbend"),
        street="1200 Mill Road",
        zip="95815",
        accessibility=t(
            "Step-free entrance and accessible restroom. Accessible parking by the front door.",
            "Entrada sin escalones y baño accesible. Estacionamiento accesible junto a la puerta principal.",
        ),
        transportation=t(
            "Bus 15 stops at Mill Road and Levee Street, two minutes' walk.",
            "El autobús 15 para en Mill Road y Levee Street, a dos minutos a pie.",
        ),
    ),
    "rchs-main": dict(
        org="rchs",
        name=t(
            "Humane Society Pet Support Center",
            "Centro de Apoyo a Mascotas de la Humane Society",
        ),
        street="2150 Levee Road",
        zip="95816",
        accessibility=t(
            "Step-free entrance, accessible restroom, quiet room on request.",
            "Entrada sin escalones, baño accesible y sala tranquila si la pide.",
        ),
        transportation=t(
            "Buses 2 and 30 stop at Levee Road and 21st Street.",
            "Los autobuses 2 y 30 paran en Levee Road y la calle 21.",
        ),
    ),
    "rchs-eastside": dict(
        org="rchs",
        name=t("Eastside Pet Resource Hub", "Centro de Recursos para Mascotas Eastside"),
        street="610 Alder Street",
        zip="95820",
        accessibility=t(
            "Ground floor, step-free. Free parking behind the building.",
            "Planta baja, sin escalones. Estacionamiento gratuito detrás del edificio.",
        ),
        transportation=t(
            "Light rail: Alder Street station, one block.",
            "Tren ligero: estación Alder Street, a una cuadra.",
        ),
    ),
    "rchs-foster-hub": dict(
        org="rchs",
        name=t(
            "Crisis foster coordination office", "Oficina de coordinación de hogares temporales"
        ),
        street="48 Sparrow Court",
        zip="95821",
        confidential=True,
    ),
    "spca-campus": dict(
        org="spca",
        name=t("Cedar Falls SPCA campus", "Instalaciones de la SPCA de Cedar Falls"),
        street="11 Foundry Lane",
        zip="95670",
        accessibility=t(
            "Step-free entrance to the clinic and pantry; the kennel building has two steps.",
            "Entrada sin escalones a la clínica y a la despensa; el edificio de la residencia tiene dos escalones.",
        ),
        transportation=t(
            "Bus 72 to Foundry Lane. Free parking on site.",
            "Autobús 72 hasta Foundry Lane. Estacionamiento gratuito en el lugar.",
        ),
    ),
    "mbclinic": dict(
        org="mbclinic",
        name=t(
            "Millbrook Community Veterinary Clinic", "Clínica Veterinaria Comunitaria de Millbrook"
        ),
        street="845 Mill Race Road",
        zip="95825",
        accessibility=t(
            "Step-free entrance; a staff member can meet you at your car with a pet carrier or a stretcher.",
            "Entrada sin escalones; alguien del equipo puede recibirle en su auto con una transportadora o una camilla.",
        ),
        transportation=t(
            "Bus 23 stops outside. Parking for 20 cars.",
            "El autobús 23 para enfrente. Estacionamiento para 20 autos.",
        ),
    ),
    "fixit": dict(
        org="fixit",
        name=t("Fix Riverbend clinic", "Clínica Fix Riverbend"),
        street="1320 Tannery Avenue",
        zip="95817",
        accessibility=t(
            "Step-free drop-off lane; staff carry pets in and out.",
            "Carril de entrega sin escalones; el personal lleva a las mascotas adentro y afuera.",
        ),
        transportation=t(
            "Bus 6 to Tannery Avenue. Paws on Wheels can drive you on surgery days.",
            "Autobús 6 hasta Tannery Avenue. Paws on Wheels puede llevarle los días de cirugía.",
        ),
    ),
    "er": dict(
        org="er",
        name=t(
            "Riverbend Valley Animal Emergency Center",
            "Centro de Emergencias Veterinarias de Riverbend Valley",
        ),
        street="5050 Kestrel Drive",
        zip="95827",
        accessibility=t(
            "Step-free emergency entrance with a stretcher at the door. Open car park.",
            "Entrada de emergencias sin escalones con camilla en la puerta. Estacionamiento abierto.",
        ),
        transportation=t(
            "Off Highway 50 at the Kestrel Drive exit. Bus 72 stops at Kestrel and Quarry until 10 pm.",
            "Saliendo de la autopista 50 en Kestrel Drive. El autobús 72 para en Kestrel y Quarry hasta las 10 de la noche.",
        ),
    ),
    "pantry-riverbend": dict(
        org="pantry",
        name=t("Paws Pantry at St. Brigid's Hall", "Paws Pantry en el salón de St. Brigid"),
        street="118 Chapel Street",
        zip="95818",
        accessibility=t(
            "Ramp at the side door on Chapel Street. Volunteers carry bags to your car.",
            "Rampa en la puerta lateral de Chapel Street. Los voluntarios llevan las bolsas hasta su auto.",
        ),
        transportation=t(
            "Bus 2 to Chapel and 5th.",
            "Autobús 2 hasta Chapel y la calle 5.",
        ),
    ),
    "pantry-pinecrest": dict(
        org="pantry",
        name=t(
            "Paws Pantry at Pinecrest Grange Hall", "Paws Pantry en el salón Grange de Pinecrest"
        ),
        street="9030 Grange Road",
        zip="95624",
        accessibility=t(
            "Drive-through pick-up: stay in your car and we load the food.",
            "Recogida en auto: quédese en su carro y nosotros cargamos la comida.",
        ),
        transportation=t(
            "Bus 110 to Grange Road, then a five-minute walk.",
            "Autobús 110 hasta Grange Road y luego cinco minutos a pie.",
        ),
    ),
    "foodbank": dict(
        org="foodbank",
        name=t("Food Bank warehouse", "Almacén del Banco de Alimentos"),
        street="3400 Depot Street",
        zip="95824",
        accessibility=t(
            "Walk-up and drive-through lines; seating for anyone who cannot stand in line.",
            "Filas a pie y en auto; hay asientos para quien no pueda esperar de pie.",
        ),
        transportation=t(
            "Light rail: Depot Street station.",
            "Tren ligero: estación Depot Street.",
        ),
    ),
    "foodbank-lakeside": dict(
        org="foodbank",
        name=t("Lakeside Community Market", "Mercado Comunitario de Lakeside"),
        street="72 Harbor Point Road",
        zip="95691",
    ),
    "tenants": dict(
        org="tenants",
        name=t("Tenants' Union office", "Oficina del Sindicato de Inquilinos"),
        street="406 Union Row, 2nd floor",
        zip="95814",
        accessibility=t(
            "Lift to the second floor. If the lift is out, we meet you in the lobby.",
            "Elevador al segundo piso. Si no funciona, le atendemos en el vestíbulo.",
        ),
        transportation=t(
            "Several bus lines stop at Union Row and K Street.",
            "Varias líneas de autobús paran en Union Row y K Street.",
        ),
    ),
    "legal": dict(
        org="legal",
        name=t("Legal Aid downtown office", "Oficina central de Asistencia Legal"),
        street="701 Courthouse Square, Suite 300",
        zip="95814",
        accessibility=t(
            "Lift, accessible restroom, and sign language interpreters on request.",
            "Elevador, baño accesible e intérpretes de lengua de señas si los pide.",
        ),
        transportation=t(
            "Light rail: Courthouse station.",
            "Tren ligero: estación Courthouse.",
        ),
    ),
    "millbrook-library": dict(
        org="legal",
        name=t(
            "Millbrook Public Library, community room",
            "Biblioteca Pública de Millbrook, sala comunitaria",
        ),
        street="220 Birch Avenue",
        zip="95608",
        accessibility=t("Step-free throughout.", "Sin escalones en todo el edificio."),
    ),
    "behaviour": dict(
        org="behaviour",
        name=t("Calm Companions training barn", "Granero de entrenamiento Calm Companions"),
        street="1770 Meadowlark Road",
        zip="95610",
        accessibility=t(
            "Level gravel path from the car park; the barn floor is rubber matting.",
            "Camino de grava nivelado desde el estacionamiento; el piso del granero es de tapetes de hule.",
        ),
    ),
    "dv-office": dict(
        org="dv",
        name=t("Safe Harbor family justice office", "Oficina de justicia familiar Safe Harbor"),
        street="701 Courthouse Square, Suite 120",
        zip="95814",
        accessibility=t(
            "Step-free; private rooms; children's corner.",
            "Sin escalones; salas privadas; rincón para niños.",
        ),
    ),
    "dv-haven-kennel": dict(
        org="dv",
        name=t("Safe Harbor pet haven kennel", "Residencia canina refugio de Safe Harbor"),
        street="17 Thistle Lane",
        zip="95758",
        confidential=True,
    ),
    "dv-shelter": dict(
        org="dv",
        name=t("Safe Harbor residential shelter", "Albergue residencial Safe Harbor"),
        street="2288 Quail Run",
        zip="95630",
        confidential=True,
    ),
    "dv-foster-office": dict(
        org="dv",
        name=t(
            "Safe Harbor foster network office",
            "Oficina de la red de hogares temporales Safe Harbor",
        ),
        street="501 Bramble Way",
        zip="95828",
        confidential=True,
    ),
    "mh-main": dict(
        org="mh",
        name=t("Mental Health Center, Willow Bend", "Centro de Salud Mental, Willow Bend"),
        street="2600 Willow Bend Avenue",
        zip="95819",
        accessibility=t(
            "Step-free, accessible restrooms, a quiet waiting room.",
            "Sin escalones, baños accesibles y una sala de espera tranquila.",
        ),
        transportation=t(
            "Bus 30 to Willow Bend. Free parking.",
            "Autobús 30 hasta Willow Bend. Estacionamiento gratuito.",
        ),
    ),
    "mh-cedar": dict(
        org="mh",
        name=t("Cedar Falls Wellness Clinic", "Clínica de Bienestar de Cedar Falls"),
        street="300 Quarry Road",
        zip="95826",
        accessibility=t("Step-free entrance.", "Entrada sin escalones."),
    ),
    "recovery": dict(
        org="recovery",
        name=t("Pinecrest Recovery Collective", "Colectivo de Recuperación Pinecrest"),
        street="4410 Pine Hollow Road",
        zip="95758",
        accessibility=t(
            "Step-free; shaded outdoor area where dogs can wait on a leash.",
            "Sin escalones; área exterior con sombra donde los perros pueden esperar con correa.",
        ),
        transportation=t("Bus 110 to Pine Hollow.", "Autobús 110 hasta Pine Hollow."),
    ),
    "housing": dict(
        org="housing",
        name=t("Open Doors housing office", "Oficina de vivienda Open Doors"),
        street="1125 Commerce Way, Suite B",
        zip="95821",
        accessibility=t("Step-free entrance.", "Entrada sin escalones."),
        transportation=t("Bus 25 to Commerce Way.", "Autobús 25 hasta Commerce Way."),
    ),
    "vetfund": dict(
        org="vetfund",
        name=t("Keep Together Pet Fund office", "Oficina del Fondo Keep Together"),
        street="406 Union Row, Suite 5",
        zip="95814",
    ),
    "wheels": dict(
        org="wheels",
        name=t("Paws on Wheels dispatch", "Central de Paws on Wheels"),
        street="88 Station Road",
        zip="95608",
    ),
    "grooming": dict(
        org="grooming",
        name=t(
            "Oak Hollow Grooming Academy salon", "Salón de la Academia de Peluquería de Oak Hollow"
        ),
        street="2020 Orchard Lane",
        zip="95630",
        accessibility=t(
            "Step-free; a hydraulic table for large dogs.",
            "Sin escalones; mesa hidráulica para perros grandes.",
        ),
    ),
    "grooming-van-lakeside": dict(
        org="grooming",
        name=t(
            "Mobile grooming van, Lakeside Park stop",
            "Camioneta de peluquería, parada del parque Lakeside",
        ),
        street="10 Shoreline Drive (park car park)",
        zip="95691",
    ),
    "cats": dict(
        org="cats",
        name=t(
            "Lakeside Community Cats clinic room", "Sala clínica de Gatos Comunitarios de Lakeside"
        ),
        street="145 Heron Way",
        zip="95691",
        accessibility=t(
            "Step-free entrance from the side yard.", "Entrada sin escalones por el patio lateral."
        ),
    ),
    "rabbits": dict(
        org="rabbits",
        name=t(
            "Rabbit & Small Animal Rescue adoption room",
            "Sala de adopciones del rescate de conejos",
        ),
        street="62 Clover Street",
        zip="95819",
    ),
    "equine": dict(
        org="equine",
        name=t("Oak Hollow Fairgrounds, Barn B", "Recinto ferial de Oak Hollow, establo B"),
        street="5500 Fairgrounds Road",
        zip="95630",
        accessibility=t(
            "Trailer parking and loading ramp at the north gate.",
            "Estacionamiento para remolques y rampa de carga en la entrada norte.",
        ),
    ),
    "hospice": dict(
        org="hospice",
        name=t(
            "Gentle Goodbyes office and quiet room", "Oficina y sala tranquila de Gentle Goodbyes"
        ),
        street="915 Quiet Creek Road",
        zip="95825",
        accessibility=t(
            "Private side entrance, step-free, with parking at the door.",
            "Entrada lateral privada, sin escalones, con estacionamiento en la puerta.",
        ),
    ),
    "seniors": dict(
        org="seniors",
        name=t("Elm Park Senior Center", "Centro para Personas Mayores Elm Park"),
        street="1500 Elm Park Drive",
        zip="95823",
        accessibility=t(
            "Step-free, hearing loop at reception.",
            "Sin escalones, bucle de inducción auditiva en la recepción.",
        ),
    ),
    "lotus": dict(
        org="lotus",
        name=t("Lotus Family Resource Center", "Centro de Recursos Familiares Lotus"),
        street="6125 Garden Park Boulevard",
        zip="95823",
        accessibility=t(
            "Step-free; parking in the rear lot.",
            "Sin escalones; estacionamiento en la parte trasera.",
        ),
        transportation=t(
            "Bus 51 to Garden Park Boulevard.",
            "Autobús 51 hasta Garden Park Boulevard.",
        ),
    ),
    "alnoor": dict(
        org="alnoor",
        name=same("Al-Noor Family Center"),
        street="3310 Olive Branch Road",
        zip="95826",
        accessibility=t("Step-free; separate quiet room.", "Sin escalones; sala tranquila aparte."),
    ),
    "outreach": dict(
        org="outreach",
        name=t("Pinecrest Day Center", "Centro de Día de Pinecrest"),
        street="200 Railroad Avenue",
        zip="95824",
        accessibility=t(
            "Step-free. Dogs are welcome inside on a leash; water bowls at the door.",
            "Sin escalones. Los perros pueden entrar con correa; hay bebederos en la puerta.",
        ),
        transportation=t(
            "Light rail: Railroad Avenue station.",
            "Tren ligero: estación Railroad Avenue.",
        ),
    ),
    "college": dict(
        org="college",
        name=t(
            "Riverbend Community College, Building V", "Riverbend Community College, edificio V"
        ),
        street="4000 College Parkway",
        zip="95822",
        accessibility=t(
            "Step-free; accessible parking in lot C next to Building V.",
            "Sin escalones; estacionamiento accesible en el lote C junto al edificio V.",
        ),
        transportation=t(
            "Buses 51 and 67 stop at the college.",
            "Los autobuses 51 y 67 paran en el colegio.",
        ),
    ),
    "harbor": dict(
        org="harbor",
        name=same("Harbor House"),
        street="90 Front Street",
        zip="95691",
        accessibility=t(
            "Two accessible family rooms on the ground floor.",
            "Dos habitaciones familiares accesibles en la planta baja.",
        ),
        transportation=t("Bus 40 to Front Street.", "Autobús 40 hasta Front Street."),
    ),
    "211": dict(
        org="211",
        name=t("Riverbend 2-1-1 call centre", "Centro de llamadas de Riverbend 2-1-1"),
        street="1001 Plaza Walk",
        zip="95814",
    ),
}
