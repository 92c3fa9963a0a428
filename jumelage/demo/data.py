"""The demo's reference data: the partnership, its hosts, schemes, calls and people.

Facts about the partnership and the Toulouse hosts come from the 2018 trip report
(DOMAIN.md); anything invented says so in its name or text. Figures the report does not
give are marked as demo figures.
"""

from typing import NamedTuple

from jumelage.accounts.models import Role
from jumelage.calls.enums import FileKind, QuestionKind
from jumelage.hosting.enums import OrganisationKind, SchemeKind, Service
from jumelage.partnerships.enums import Currency, StageKind

PASSWORD = "jumelage-demo"
TEAM_EMAIL_DOMAIN = "teams.demo"


class T(NamedTuple):
    """One text in the three languages, in the order of the modeltranslation columns."""

    en: str
    fr: str
    zh_hant: str


def pick(text: T, language: str) -> str:
    """The text in `language`, a code such as "zh-hant"."""
    return getattr(text, language.replace("-", "_"))


PARTNERSHIP = {
    "slug": "taichung-toulouse",
    "name": T(
        "Taichung – Toulouse Startup Exchange",
        "Échange de startups Taichung – Toulouse",
        "臺中—土魯斯新創交流計畫",
    ),
    "description": T(
        "A yearly exchange in which Taichung and Toulouse Métropole each send startup teams "
        "to the other city for a short residency, hosted by its incubators.",
        "Un échange annuel dans lequel Taichung et Toulouse Métropole envoient chacune des "
        "équipes de startups dans l'autre ville pour une courte résidence, accueillies par ses "
        "incubateurs.",
        "臺中市與大土魯斯每年互派新創團隊，赴對方城市的育成中心短期駐點交流。",
    ),
}

SIDES = [
    {
        "slug": "taichung",
        "city": T("Taichung", "Taichung", "臺中"),
        "organisation": T(
            "Taichung City Government, Economic Development Bureau",
            "Ville de Taichung, Bureau du développement économique",
            "臺中市政府經濟發展局",
        ),
        "country_code": "TW",
        "timezone": "Asia/Taipei",
        "languages": ["zh-hant", "en"],
        "currency": Currency.TWD,
    },
    {
        "slug": "toulouse",
        "city": T("Toulouse", "Toulouse", "土魯斯"),
        "organisation": T(
            "Toulouse Métropole", "Toulouse Métropole", "大土魯斯（Toulouse Métropole）"
        ),
        "country_code": "FR",
        "timezone": "Europe/Paris",
        "languages": ["fr", "en"],
        "currency": Currency.EUR,
    },
]

STAGE_DESCRIPTIONS = {
    StageKind.THEMES: T(
        "Each side proposes themes from its own needs; both sides discuss them and agree.",
        "Chaque partie propose des thèmes selon ses besoins ; les deux parties en discutent et "
        "s'accordent.",
        "雙方各自依需求提出主題選項，經討論後達成共識。",
    ),
    StageKind.HOSTING: T(
        "Each side inventories the incubators and ecosystem resources that will host the "
        "partner's teams for a short stay.",
        "Chaque partie recense les incubateurs et les ressources de son écosystème qui "
        "accueilleront pour un court séjour les équipes du partenaire.",
        "雙方各自盤點可短期接待對方團隊的育成中心與生態系資源。",
    ),
    StageKind.CALL_OPEN: T(
        "Each side publicises its call for startup teams through its own platforms and "
        "channels: online communities, media.",
        "Chaque partie diffuse son appel à candidatures par ses propres plateformes et canaux : "
        "communautés en ligne, médias.",
        "雙方各自透過選定的平臺與管道（網路社群、媒體）公開徵求新創團隊。",
    ),
    StageKind.CALL_CLOSE: T(
        "The calls close; applications can no longer change.",
        "Les appels se clôturent ; les candidatures ne peuvent plus être modifiées.",
        "徵件截止，申請內容不再更動。",
    ),
    StageKind.NOMINATE: T(
        "Each side's selection committee shortlists five of its own applicants and hands the "
        "list to the partner.",
        "Le comité de sélection de chaque partie retient cinq de ses candidats et transmet la "
        "liste au partenaire.",
        "雙方評選委員會各自從申請者中推薦 5 隊，並將名單交予對方。",
    ),
    StageKind.PICK: T(
        "Each side picks the final two teams from the list the other side handed over: the "
        "host chooses whom it hosts.",
        "Chaque partie choisit les deux équipes finales dans la liste transmise par l'autre : "
        "l'hôte choisit qui il accueille.",
        "雙方各自從對方提交的名單中選出最後 2 隊：由接待方決定接待對象。",
    ),
    StageKind.ANNOUNCE: T(
        "The selected teams are announced publicly.",
        "Les équipes retenues sont annoncées publiquement.",
        "公開宣布入選團隊。",
    ),
    StageKind.PLAN: T(
        "Flights, lodging and the activities of the exchange period are planned.",
        "Organisation des vols, de l'hébergement et des activités de la période d'échange.",
        "規劃交流期間的機票、住宿與活動。",
    ),
    StageKind.BRIEFING: T(
        "Each side briefs its own teams: itinerary, activities, living information.",
        "Chaque partie réunit ses équipes avant le départ : itinéraire, activités, "
        "informations pratiques.",
        "雙方各自為己方團隊舉辦行前說明會：行程、活動與生活資訊。",
    ),
    StageKind.EXCHANGE: T(
        "A one-to-two-week visit: business matchmaking meetings, links with local startup "
        "resources, local venture capital and legal advice.",
        "Un séjour d'une à deux semaines : rendez-vous d'affaires, mise en relation avec "
        "l'écosystème local, capital-risque et conseil juridique locaux.",
        "為期一至兩週的交流：商務媒合會議、連結在地新創資源、在地創投與法律諮詢。",
    ),
    StageKind.OUTCOME: T(
        "Each side holds a results meeting and collects what came out of the exchange.",
        "Chaque partie tient une réunion de bilan et recueille les résultats de l'échange.",
        "雙方各自召開成果會議，彙整交流成果。",
    ),
}

# Taichung steers toward the smart city (DOMAIN.md §3); Toulouse proposes aerospace, which
# stays under discussion so that Taichung's manager has a decision waiting.
THEMES = [
    {
        "key": "iot",
        "proposed_by": "taichung",
        "agreed": True,
        "title": T("Internet of Things", "Internet des objets", "物聯網"),
        "description": T(
            "Connected sensors and networks for the smart city, from low-power wide-area "
            "networks to field devices.",
            "Capteurs et réseaux connectés pour la ville intelligente, des réseaux bas débit "
            "longue portée aux objets de terrain.",
            "智慧城市所需的連網感測與網路，從低功耗廣域網路到現場裝置。",
        ),
    },
    {
        "key": "ai",
        "proposed_by": "taichung",
        "agreed": True,
        "title": T("Artificial intelligence", "Intelligence artificielle", "人工智慧"),
        "description": T(
            "Machine learning and computer vision applied to city services and industry.",
            "Apprentissage automatique et vision par ordinateur appliqués aux services urbains "
            "et à l'industrie.",
            "將機器學習與電腦視覺應用於城市服務與產業。",
        ),
    },
    {
        "key": "manufacturing",
        "proposed_by": "taichung",
        "agreed": True,
        "title": T("Smart manufacturing", "Fabrication intelligente", "智慧製造"),
        "description": T(
            "Digital tools for precision machinery and factories: predictive maintenance, "
            "robotics, quality control.",
            "Outils numériques pour la mécanique de précision et les usines : maintenance "
            "prédictive, robotique, contrôle qualité.",
            "精密機械與工廠的數位工具：預測性維護、機器人、品質檢測。",
        ),
    },
    {
        "key": "data",
        "proposed_by": "taichung",
        "agreed": True,
        "title": T("Big data", "Données massives", "大數據"),
        "description": T(
            "Collecting, sharing and analysing urban and industrial data to improve decisions.",
            "Collecte, partage et analyse des données urbaines et industrielles pour mieux "
            "décider.",
            "蒐集、共享與分析城市及產業數據，以提升決策品質。",
        ),
    },
    {
        "key": "aerospace",
        "proposed_by": "toulouse",
        "agreed": False,
        "title": T("Aerospace", "Aéronautique et spatial", "航太"),
        "description": T(
            "Suppliers, maintenance and space applications; proposed by Toulouse to widen the "
            "exchange.",
            "Sous-traitance, maintenance et applications spatiales ; proposé par Toulouse pour "
            "élargir l'échange.",
            "航太供應鏈、維修與太空應用；由土魯斯提出，以擴大交流範疇。",
        ),
    },
]

HOST_ORGANISATIONS = {
    "toulouse": [
        {
            "slug": "at-home",
            "name": T("AT HOME", "AT HOME", "AT HOME"),
            "kind": OrganisationKind.COWORKING,
            "address": "32 Rue des Marchands, 31000 Toulouse",
            "description": T(
                "A coworking network with three sites in Toulouse and one in Paris, open to "
                "every sector. It offers coworking (offices, meeting and living space), "
                "incubation (startup courses, pitch training, management, fundraising), team "
                "building with the technical skills a team lacks, and introductions to "
                "venture capital and large corporates.",
                "Un réseau de coworking de trois sites à Toulouse et un à Paris, ouvert à tous "
                "les secteurs. Il propose du coworking (bureaux, salles de réunion, espaces de "
                "vie), de l'incubation (formations, entraînement au pitch, gestion, levée de "
                "fonds), la constitution d'équipe avec les compétences techniques qui manquent, "
                "et la mise en relation avec le capital-risque et les grands groupes.",
                "共同工作空間網絡，於土魯斯設有 3 處據點、巴黎 1 處，不限產業。提供共同工作空間"
                "（辦公、會議與生活空間）、育成輔導（新創課程、簡報訓練、經營管理、募資）、"
                "團隊建構（補足團隊欠缺的技術資源），以及創投與大型企業媒合。",
            ),
        },
        {
            "slug": "la-cantine",
            "name": T("La Cantine", "La Cantine", "La Cantine"),
            "kind": OrganisationKind.INCUBATOR,
            "address": "Quai des Savoirs, 39 Allée Jules Guesde, 31400 Toulouse",
            "description": T(
                "Run by the non-profit La Mêlée since 2015: about 210 startups supported, 46 "
                "went on to incubation and 6 raised between €0.5M and €7M (2018 figures). A "
                "team goes through four stages: an interview to understand the whole project, "
                "a stress test that shows where it can improve, a tailor-made development "
                "roadmap, and links to the network to go further. Its tools: expert meetings, "
                "startup consulting, training courses, visibility, product and service "
                "improvement, and the tools or technology a team needs.",
                "Animée depuis 2015 par l'association La Mêlée : environ 210 startups "
                "accompagnées, dont 46 ont poursuivi en incubation et 6 ont levé entre 0,5 et "
                "7 M€ (chiffres de 2018). Une équipe suit quatre étapes : un entretien pour "
                "comprendre tout le projet, un « stress test » qui montre où il peut "
                "progresser, une feuille de route sur mesure, puis la mise en réseau pour aller "
                "plus loin. Ses outils : rencontres d'experts, conseil aux startups, "
                "formations, visibilité, amélioration du produit ou du service, et mise à "
                "disposition des outils et technologies nécessaires.",
                "自 2015 年起由非營利組織 La Mêlée 營運，約輔導 210 家新創，其中 46 家進入育成、"
                "6 家募得 50 萬至 700 萬歐元（2018 年數據）。團隊依序經歷四個階段：訪談以了解"
                "專案全貌、「壓力測試」找出可改進之處、量身訂做的發展藍圖，以及連結網絡以進一步"
                "發展。六項工具：專家會談、新創諮詢、培訓課程、曝光機會、產品與服務改善，以及"
                "提供所需工具與技術。",
            ),
        },
        {
            "slug": "village-by-ca",
            "name": T("Le Village by CA", "Le Village by CA", "Le Village by CA"),
            "kind": OrganisationKind.ACCELERATOR,
            "address": "31 Allée Jules Guesde, 31400 Toulouse",
            "description": T(
                "Crédit Agricole's startup village: coworking, coaching, consulting and "
                "fundraising. In 2018 it had 24 sites in France (more than 30 planned) and 465 "
                "partners: multinationals such as Microsoft and IBM, trade associations, "
                "investment advisers, e-commerce, cybersecurity and logistics firms. It "
                "prepares tailored financial planning for a team entering a new region.",
                "Le village de startups du Crédit Agricole : coworking, coaching, conseil et "
                "levée de fonds. En 2018, 24 sites en France (plus de 30 prévus) et 465 "
                "partenaires : multinationales comme Microsoft et IBM, fédérations "
                "professionnelles, conseillers en investissement, entreprises du e-commerce, "
                "de la cybersécurité et de la logistique. Il prépare un plan financier sur "
                "mesure pour une équipe qui s'installe dans une nouvelle région.",
                "法國農業信貸銀行（Crédit Agricole）的新創村：提供共同工作空間、教練輔導、諮詢"
                "與募資。2018 年於法國有 24 處據點（規劃超過 30 處），合作夥伴 465 家，包括 "
                "Microsoft、IBM 等跨國企業、產業公會、投資顧問，以及電商、資安與物流業者；並為"
                "進入新地區的團隊量身規劃財務。",
            ),
        },
        {
            "slug": "iot-valley",
            "name": T("IoT Valley", "IoT Valley", "IoT Valley"),
            "kind": OrganisationKind.ACCELERATOR,
            "address": "425 Rue Jean Rostand, 31670 Labège",
            "description": T(
                "An IoT startup campus in Labège since 2009, on 10 hectares, driven by Sigfox. "
                "Beyond courses and mentors, it bridges teams to corporate and market demand "
                "along an industrialisation path: proof of concept (POC), proof of service "
                "(POS), proof of business (POB).",
                "Un campus de startups de l'internet des objets à Labège depuis 2009, sur 10 "
                "hectares, porté par Sigfox. Au-delà des formations et du mentorat, il relie "
                "les équipes à la demande des grands groupes et du marché selon un parcours "
                "d'industrialisation : preuve de concept (POC), preuve de service (POS), "
                "preuve de business (POB).",
                "位於拉貝格（Labège）的物聯網新創園區，2009 年成立、占地 10 公頃，由 Sigfox "
                "帶動。除課程與業師外，更著重串接企業與市場需求，依「概念驗證（POC）→ 服務驗證"
                "（POS）→ 商業驗證（POB）」的產業化路徑推進。",
            ),
        },
    ],
    "taichung": [
        {
            "slug": "youth-startup-base",
            "name": T(
                "Taichung Youth Startup Base",
                "Base des jeunes entrepreneurs de Taichung",
                "臺中市青年創業基地",
            ),
            "kind": OrganisationKind.INCUBATOR,
            "address": "Taichung City, Taiwan",
            "description": T(
                "The city's startup base, home of the residency “Pick the stars, build dreams "
                "in Taichung” (摘星青年、築夢臺中): desks for young founders, startup courses, "
                "pitch events and contacts with the city's industries.",
                "La base des startups de la ville, siège de la résidence « Cueillir les "
                "étoiles, bâtir ses rêves à Taichung » (摘星青年、築夢臺中) : postes de travail "
                "pour jeunes fondateurs, formations, soirées de pitch et contacts avec "
                "l'industrie locale.",
                "市府的青年創業基地，即「摘星青年、築夢臺中」進駐計畫所在地：提供青年創業者辦公"
                "座位、創業課程、簡報活動，並連結在地產業。",
            ),
        },
        {
            "slug": "central-taiwan-makers",
            "name": T(
                "Central Taiwan Maker Cluster",
                "Pôle makers du centre de Taïwan",
                "中台灣創客聚落",
            ),
            "kind": OrganisationKind.COWORKING,
            "address": "Taichung City, Taiwan",
            "description": T(
                "The city's maker cluster programme: maker spaces and prototyping workshops "
                "close to the precision machinery industry of central Taiwan.",
                "Le programme de pôle makers de la ville : fablabs et ateliers de prototypage "
                "proches de l'industrie de la mécanique de précision du centre de Taïwan.",
                "市府的中台灣創客聚落計畫：鄰近中部精密機械產業的創客空間與原型製作工坊。",
            ),
        },
        {
            "slug": "dadu-machinery-lab",
            "name": T(
                "Dadu Plateau Smart Machinery Lab (fictional)",
                "Laboratoire de machines intelligentes du plateau de Dadu (fictif)",
                "大肚山智慧機械實驗場（虛構）",
            ),
            "kind": OrganisationKind.CORPORATE,
            "address": "Taichung City, Taiwan",
            "description": T(
                "A fictional testbed for the demo: machine-tool makers of the Dadu Plateau "
                "precision machinery belt open test lines, engineers and pilot factories to "
                "visiting teams.",
                "Un banc d'essai fictif pour la démonstration : des fabricants de "
                "machines-outils de la ceinture de mécanique de précision du plateau de Dadu "
                "ouvrent lignes d'essai, ingénieurs et usines pilotes aux équipes invitées.",
                "示範用的虛構試驗場：大肚山精密機械產業帶的工具機業者，向來訪團隊開放測試產線、"
                "工程師與試點工廠。",
            ),
        },
        {
            "slug": "calyx-ventures",
            "name": T(
                "Calyx Ventures Taichung (fictional)",
                "Calyx Ventures Taichung (fictif)",
                "花萼創投臺中（虛構）",
            ),
            "kind": OrganisationKind.INVESTOR,
            "address": "Taichung City, Taiwan",
            "description": T(
                "A fictional early-stage investor for the demo: office hours with partners, "
                "fundraising preparation and introductions to Taiwanese corporates.",
                "Un investisseur d'amorçage fictif pour la démonstration : permanences avec les "
                "associés, préparation à la levée de fonds et mises en relation avec des "
                "groupes taïwanais.",
                "示範用的虛構早期投資機構：合夥人諮詢時段、募資準備輔導，並引介臺灣企業。",
            ),
        },
    ],
}

# By organisation slug. Days count from the first day of the exchange stage.
HOSTING_OFFERS = {
    "at-home": {
        "services": [
            Service.COWORKING,
            Service.COURSES,
            Service.PITCH_TRAINING,
            Service.FUNDRAISING,
            Service.TEAM_BUILDING,
            Service.INTRODUCTIONS,
        ],
        "teams": 2,
        "desks": 4,
        "from_day": 0,
        "to_day": 13,
        "notes": T(
            "Two desks per team in the city-centre site, a pitch session with the AT HOME "
            "community and introductions to investors.",
            "Deux postes par équipe sur le site du centre-ville, une session de pitch devant la "
            "communauté AT HOME et des mises en relation avec des investisseurs.",
            "市中心據點每隊兩個座位，安排於 AT HOME 社群前簡報，並引介投資人。",
        ),
    },
    "la-cantine": {
        "services": [
            Service.EXPERT_MEETINGS,
            Service.CONSULTING,
            Service.COURSES,
            Service.VISIBILITY,
            Service.TOOLS,
        ],
        "teams": 2,
        "desks": 3,
        "from_day": 0,
        "to_day": 13,
        "notes": T(
            "A short form of the four-stage path: interview, stress test and roadmap, with "
            "expert meetings at the Quai des Savoirs.",
            "Une version courte du parcours en quatre étapes : entretien, stress test et "
            "feuille de route, avec des rencontres d'experts au Quai des Savoirs.",
            "四階段輔導的精簡版：訪談、壓力測試與發展藍圖，並於 Quai des Savoirs 安排專家會談。",
        ),
    },
    "village-by-ca": {
        "services": [
            Service.COWORKING,
            Service.CONSULTING,
            Service.FUNDRAISING,
            Service.INTRODUCTIONS,
        ],
        "teams": 1,
        "desks": 2,
        "from_day": 0,
        "to_day": 6,
        "notes": T(
            "One week in the village, meetings with partners chosen for the team's market and "
            "a first financial plan for France.",
            "Une semaine au village, des rendez-vous avec des partenaires choisis selon le "
            "marché de l'équipe et un premier plan financier pour la France.",
            "於新創村駐點一週，依團隊市場安排合作夥伴會議，並擬定進入法國的初步財務規劃。",
        ),
    },
    "iot-valley": {
        "services": [
            Service.COURSES,
            Service.EXPERT_MEETINGS,
            Service.INTRODUCTIONS,
            Service.TOOLS,
        ],
        "teams": 2,
        "desks": 4,
        "from_day": 0,
        "to_day": 13,
        "notes": T(
            "Mentors review where the product stands on the POC, POS, POB path and introduce "
            "the team to corporates looking for it.",
            "Des mentors situent le produit sur le parcours POC, POS, POB et présentent "
            "l'équipe aux grands groupes qui le recherchent.",
            "業師評估產品在 POC、POS、POB 路徑上的位置，並引介有需求的企業。",
        ),
    },
    "youth-startup-base": {
        "services": [
            Service.COWORKING,
            Service.COURSES,
            Service.PITCH_TRAINING,
            Service.VISIBILITY,
        ],
        "teams": 2,
        "desks": 6,
        "from_day": 0,
        "to_day": 13,
        "notes": T(
            "Desks for both visiting teams, a pitch night with the base's residents and a "
            "visit of the city's startup schemes.",
            "Des postes pour les deux équipes invitées, une soirée de pitch avec les résidents "
            "de la base et une présentation des dispositifs de la ville.",
            "為兩支來訪團隊提供座位，與基地進駐團隊共同舉辦簡報之夜，並介紹市府創業資源。",
        ),
    },
    "central-taiwan-makers": {
        "services": [Service.TOOLS, Service.TEAM_BUILDING, Service.EXPERT_MEETINGS],
        "teams": 2,
        "desks": 2,
        "from_day": 2,
        "to_day": 11,
        "notes": T(
            "Access to prototyping machines and a maker mentor for hardware teams.",
            "Accès aux machines de prototypage et un mentor maker pour les équipes matérielles.",
            "開放原型製作設備，並為硬體團隊安排創客業師。",
        ),
    },
    "dadu-machinery-lab": {
        "services": [Service.TOOLS, Service.EXPERT_MEETINGS, Service.INTRODUCTIONS],
        "teams": 1,
        "desks": 1,
        "from_day": 3,
        "to_day": 9,
        "notes": T(
            "Fictional: a test line for a manufacturing pilot and meetings with machine-tool "
            "engineers.",
            "Fictif : une ligne d'essai pour un pilote industriel et des rencontres avec des "
            "ingénieurs en machines-outils.",
            "虛構：提供製造試點用的測試產線，並與工具機工程師會談。",
        ),
    },
    "calyx-ventures": {
        "services": [Service.FUNDRAISING, Service.INTRODUCTIONS, Service.CONSULTING],
        "teams": 2,
        "desks": 0,
        "from_day": 7,
        "to_day": 8,
        "notes": T(
            "Fictional: two days of investor meetings and a term-sheet workshop.",
            "Fictif : deux jours de rendez-vous avec des investisseurs et un atelier sur les "
            "termes d'investissement.",
            "虛構：兩天的投資人會議與投資條件書工作坊。",
        ),
    },
}

SUPPORT_SCHEMES = {
    "taichung": [
        {
            "kind": SchemeKind.LOAN_SUBSIDY,
            "name": T(
                "Youth startup loan interest subsidy",
                "Bonification des intérêts des prêts aux jeunes entrepreneurs",
                "青年創業貸款利息補貼",
            ),
            "description": T(
                "The city pays part of the interest on startup loans taken by young founders.",
                "La ville prend en charge une partie des intérêts des prêts contractés par de "
                "jeunes fondateurs.",
                "市府補貼青年創業者創業貸款的部分利息。",
            ),
            "eligibility": T(
                "Young founders whose company is registered in Taichung (demo wording; the "
                "city's current rules apply).",
                "Jeunes fondateurs dont l'entreprise est immatriculée à Taichung (formulation "
                "de démonstration ; le règlement en vigueur de la ville s'applique).",
                "公司登記於臺中市之青年創業者（示範文字，實際以市府現行規定為準）。",
            ),
            "amount": T(
                "Interest on loans up to NT$2,000,000 (demo figure)",
                "Intérêts de prêts jusqu'à 2 000 000 TWD (chiffre de démonstration)",
                "貸款上限新臺幣 200 萬元之利息（示範數字）",
            ),
        },
        {
            "kind": SchemeKind.RESIDENCY,
            "name": T(
                "“Pick the stars, build dreams in Taichung” startup-base residency",
                "Résidence « Cueillir les étoiles, bâtir ses rêves à Taichung »",
                "「摘星青年、築夢臺中」青年創業基地進駐",
            ),
            "description": T(
                "A residency at the city's youth startup base: a desk, coaching and the base's "
                "events.",
                "Une résidence à la base des jeunes entrepreneurs : un poste de travail, un "
                "accompagnement et les événements de la base.",
                "進駐市府青年創業基地：提供辦公座位、輔導與基地活動。",
            ),
            "eligibility": T(
                "Teams of young founders with a product idea (demo wording).",
                "Équipes de jeunes fondateurs porteuses d'une idée de produit (formulation de "
                "démonstration).",
                "具產品構想之青年創業團隊（示範文字）。",
            ),
            "amount": T(
                "Free desks for up to 12 months (demo figure)",
                "Postes gratuits jusqu'à 12 mois (chiffre de démonstration)",
                "免費座位最長 12 個月（示範數字）",
            ),
        },
        {
            "kind": SchemeKind.TRAINING,
            "name": T(
                "Startup fundraising training",
                "Formation à la levée de fonds",
                "創業募資培訓",
            ),
            "description": T(
                "Workshops on pitch decks, valuation and talking to investors, ending with a "
                "demo day.",
                "Ateliers sur le pitch, la valorisation et le dialogue avec les investisseurs, "
                "conclus par une journée de démonstration.",
                "簡報、估值與投資人溝通工作坊，最後舉辦成果發表會。",
            ),
            "eligibility": T(
                "Taichung startups preparing a first round.",
                "Startups de Taichung qui préparent un premier tour de table.",
                "正在準備首輪募資的臺中新創。",
            ),
            "amount": T("Free of charge", "Gratuit", "免費"),
        },
        {
            "kind": SchemeKind.TRAINING,
            "name": T(
                "Youth startup incubation programme",
                "Programme d'incubation des jeunes entrepreneurs",
                "青年創業育成計畫",
            ),
            "description": T(
                "Incubators chosen by the city coach young teams for a year: business model, "
                "prototyping, first customers.",
                "Des incubateurs choisis par la ville accompagnent de jeunes équipes pendant un "
                "an : modèle économique, prototypage, premiers clients.",
                "由市府遴選的育成單位輔導青年團隊一年：商業模式、原型開發、首批客戶。",
            ),
            "eligibility": T(
                "Teams less than three years old, founded by young entrepreneurs (demo wording).",
                "Équipes de moins de trois ans, fondées par de jeunes entrepreneurs "
                "(formulation de démonstration).",
                "成立未滿三年、由青年創辦之團隊（示範文字）。",
            ),
            "amount": T(
                "Coaching and a small prototype budget (demo)",
                "Accompagnement et petit budget de prototypage (démo)",
                "輔導及小額原型開發經費（示範）",
            ),
        },
        {
            "kind": SchemeKind.GRANT,
            "name": T(
                "Local-industry innovation R&D grant",
                "Subvention à la R&D innovante de l'industrie locale",
                "地方產業創新研發補助",
            ),
            "description": T(
                "Co-funds the R&D projects of Taichung's small and medium enterprises, young "
                "companies included.",
                "Cofinance les projets de R&D des PME de Taichung, jeunes entreprises comprises.",
                "補助臺中中小企業（含新創公司）之研發計畫。",
            ),
            "eligibility": T(
                "SMEs registered in Taichung with an innovative R&D project.",
                "PME immatriculées à Taichung portant un projet de R&D innovant.",
                "登記於臺中市、具創新研發計畫之中小企業。",
            ),
            "amount": T(
                "Up to half of the project budget (demo figure)",
                "Jusqu'à la moitié du budget du projet (chiffre de démonstration)",
                "最高補助計畫經費之半數（示範數字）",
            ),
        },
        {
            "kind": SchemeKind.PLATFORM,
            "name": T(
                "Startup service support platform",
                "Plateforme de services aux startups",
                "創業服務支援平臺",
            ),
            "description": T(
                "One entry point that brings the city's startup schemes together, as the 2018 "
                "trip report recommends.",
                "Un point d'entrée unique qui réunit les dispositifs de la ville pour les "
                "startups, comme le recommande le rapport de mission de 2018.",
                "依 2018 年出國報告建議，整合市府各項創業資源的單一服務窗口。",
            ),
            "eligibility": T(
                "Open to every founder.", "Ouverte à tous les fondateurs.", "所有創業者皆可使用。"
            ),
            "amount": T("", "", ""),
        },
    ],
    "toulouse": [
        {
            "kind": SchemeKind.PLATFORM,
            "name": T(
                "Toulouse Métropole startup desk (demo)",
                "Guichet startups de Toulouse Métropole (démo)",
                "大土魯斯新創服務窗口（示範）",
            ),
            "description": T(
                "One entry point to the metropolitan area's support, incubators and events.",
                "Un point d'entrée unique vers les aides, incubateurs et événements de la "
                "métropole.",
                "通往大土魯斯各項輔導資源、育成中心與活動的單一窗口。",
            ),
            "eligibility": T(
                "Founders based in, or moving to, the metropolitan area.",
                "Fondateurs installés dans la métropole ou qui s'y installent.",
                "設立於或即將遷入大土魯斯都會區的創業者。",
            ),
            "amount": T("", "", ""),
        },
        {
            "kind": SchemeKind.TRAINING,
            "name": T(
                "Tech community programme (French Tech style, demo)",
                "Programme de la communauté tech (inspiré de la French Tech, démo)",
                "科技社群計畫（仿 French Tech 模式，示範）",
            ),
            "description": T(
                "Peer groups of founders, international programmes and visibility at the "
                "region's events.",
                "Groupes de pairs entre fondateurs, programmes internationaux et visibilité "
                "lors des événements de la région.",
                "創業者同儕社群、國際化計畫，以及在區域活動中的曝光機會。",
            ),
            "eligibility": T(
                "Startups of the Toulouse area with growth ambitions.",
                "Startups de l'aire toulousaine ayant des ambitions de croissance.",
                "具成長企圖的土魯斯地區新創。",
            ),
            "amount": T("Free of charge (demo)", "Gratuit (démo)", "免費（示範）"),
        },
        {
            "kind": SchemeKind.GRANT,
            "name": T(
                "Seed innovation grant (demo)",
                "Subvention d'amorçage à l'innovation (démo)",
                "創新種子補助（示範）",
            ),
            "description": T(
                "Funds the first technical and market validation of an innovative product.",
                "Finance la première validation technique et commerciale d'un produit innovant.",
                "補助創新產品的首次技術與市場驗證。",
            ),
            "eligibility": T(
                "Companies less than five years old in the metropolitan area.",
                "Entreprises de moins de cinq ans installées dans la métropole.",
                "設立於大土魯斯都會區、成立未滿五年之公司。",
            ),
            "amount": T(
                "Up to €30,000 (demo figure)",
                "Jusqu'à 30 000 € (chiffre de démonstration)",
                "最高 3 萬歐元（示範數字）",
            ),
        },
        {
            "kind": SchemeKind.LOAN,
            "name": T(
                "Founders' honour loan (demo)",
                "Prêt d'honneur aux fondateurs (démo)",
                "創辦人信用貸款（示範）",
            ),
            "description": T(
                "An interest-free personal loan to founders that strengthens the company's "
                "equity and helps obtain a bank loan.",
                "Un prêt personnel à taux zéro aux fondateurs, qui renforce les fonds propres "
                "de l'entreprise et facilite l'obtention d'un prêt bancaire.",
                "提供創辦人零利率個人貸款，強化公司資本並有助取得銀行融資。",
            ),
            "eligibility": T(
                "Founders of a company less than three years old.",
                "Fondateurs d'une entreprise de moins de trois ans.",
                "成立未滿三年之公司創辦人。",
            ),
            "amount": T(
                "€5,000 to €50,000 (demo figure)",
                "De 5 000 à 50 000 € (chiffre de démonstration)",
                "5,000 至 50,000 歐元（示範數字）",
            ),
        },
        {
            "kind": SchemeKind.RESIDENCY,
            "name": T(
                "Soft-landing residency for international teams (demo)",
                "Résidence d'accueil pour équipes internationales (démo)",
                "國際團隊落地進駐計畫（示範）",
            ),
            "description": T(
                "Three months in a partner incubator with help for company registration, "
                "banking and housing.",
                "Trois mois dans un incubateur partenaire, avec une aide pour l'immatriculation, "
                "la banque et le logement.",
                "於合作育成中心進駐三個月，協助公司設立、銀行開戶與住宿。",
            ),
            "eligibility": T(
                "Foreign startups opening a French subsidiary in the metropolitan area.",
                "Startups étrangères qui ouvrent une filiale française dans la métropole.",
                "於大土魯斯設立法國子公司的外國新創。",
            ),
            "amount": T(
                "Free desk and coaching (demo)",
                "Poste et accompagnement gratuits (démo)",
                "免費座位與輔導（示範）",
            ),
        },
    ],
}

# Titles carry the cycle's name, filled in when the call is created.
# Budget lines per side: (category, label, estimate, actual or None). Figures are demo
# figures, not the cities' budgets.
BUDGET_LINES = {
    "taichung": [
        (
            "flights",
            "Return flights Taipei – Toulouse, 2 teams × 2 people (demo figure)",
            240000,
            None,
        ),
        ("lodging", "Lodging in Toulouse, 4 people × 12 nights (demo figure)", 150000, None),
        ("per_diem", "Per diem, 4 people × 14 days (demo figure)", 90000, None),
        ("promotion", "Promotion of the call online and in the media (demo figure)", 30000, 27500),
        (
            "interpreting",
            "Translation of the call into French and English (demo figure)",
            20000,
            18000,
        ),
    ],
    "toulouse": [
        (
            "flights",
            "Vols aller-retour Toulouse – Taipei, 2 équipes × 2 personnes (demo)",
            7200,
            None,
        ),
        ("lodging", "Hébergement à Taichung, 4 personnes × 12 nuits (demo)", 4300, None),
        ("events", "Soirée de clôture et rendez-vous d'affaires (demo)", 3000, None),
        ("promotion", "Diffusion de l'appel à candidatures (demo)", 1500, 1320),
    ],
}


CALLS = {
    "taichung": {
        "title": T(
            "Taichung startups to Toulouse {year}: call for teams",
            "Startups de Taichung à Toulouse {year} : appel à équipes",
            "{year} 臺中新創團隊赴土魯斯交流徵件",
        ),
        "introduction": T(
            "Taichung and Toulouse Métropole exchange startup teams every year. Two Taichung "
            "teams will spend one to two weeks in Toulouse, hosted by AT HOME, La Cantine, Le "
            "Village by CA and IoT Valley: business meetings, local investors and legal advice. "
            "Taichung's committee nominates five applicants; Toulouse chooses the two it hosts.",
            "Taichung et Toulouse Métropole échangent chaque année des équipes de startups. "
            "Deux équipes de Taichung passeront une à deux semaines à Toulouse, accueillies par "
            "AT HOME, La Cantine, Le Village by CA et IoT Valley : rendez-vous d'affaires, "
            "investisseurs et conseil juridique locaux. Le comité de Taichung présélectionne "
            "cinq candidats ; Toulouse choisit les deux équipes qu'elle accueille.",
            "臺中市與大土魯斯每年互派新創團隊交流。兩支臺中團隊將赴土魯斯一至兩週，由 AT HOME、"
            "La Cantine、Le Village by CA 與 IoT Valley 接待，參與商務媒合、接觸在地創投並獲得"
            "法律諮詢。臺中評選委員會推薦 5 隊，由土魯斯選出接待的 2 隊。",
        ),
        "eligibility": T(
            "Startup teams registered in Taichung, or about to register there, working on one "
            "of the agreed themes. At least one founder travels for the whole exchange and "
            "works in English.",
            "Équipes de startups immatriculées à Taichung, ou sur le point de l'être, "
            "travaillant sur l'un des thèmes retenus. Au moins un fondateur participe à tout "
            "l'échange et travaille en anglais.",
            "公司登記於臺中市（或即將登記）之新創團隊，主題須屬雙方議定範疇。至少一位創辦人"
            "全程參與交流，並能以英語溝通。",
        ),
    },
    "toulouse": {
        "title": T(
            "Toulouse startups to Taichung {year}: call for teams",
            "Startups toulousaines à Taichung {year} : appel à candidatures",
            "{year} 土魯斯新創團隊赴臺中交流徵件",
        ),
        "introduction": T(
            "Toulouse Métropole and Taichung exchange startup teams every year. Two Toulouse "
            "teams will spend one to two weeks in Taichung, hosted by the youth startup base, "
            "the Central Taiwan maker cluster and their partners: meetings with the precision "
            "machinery industry, local investors and legal advice. Toulouse's committee "
            "nominates five applicants; Taichung chooses the two it hosts.",
            "Toulouse Métropole et Taichung échangent chaque année des équipes de startups. "
            "Deux équipes toulousaines passeront une à deux semaines à Taichung, accueillies "
            "par la base des jeunes entrepreneurs, le pôle makers du centre de Taïwan et leurs "
            "partenaires : rencontres avec l'industrie de la mécanique de précision, "
            "investisseurs et conseil juridique locaux. Le comité toulousain présélectionne "
            "cinq candidats ; Taichung choisit les deux équipes qu'elle accueille.",
            "大土魯斯與臺中市每年互派新創團隊交流。兩支土魯斯團隊將赴臺中一至兩週，由臺中市"
            "青年創業基地、中台灣創客聚落及其夥伴接待，與精密機械產業交流，接觸在地創投並獲得"
            "法律諮詢。土魯斯評選委員會推薦 5 隊，由臺中選出接待的 2 隊。",
        ),
        "eligibility": T(
            "Startup teams based in the Toulouse metropolitan area, working on one of the "
            "agreed themes. At least one founder travels for the whole exchange and works in "
            "English.",
            "Équipes de startups installées dans la métropole toulousaine, travaillant sur "
            "l'un des thèmes retenus. Au moins un fondateur participe à tout l'échange et "
            "travaille en anglais.",
            "設立於大土魯斯都會區之新創團隊，主題須屬雙方議定範疇。至少一位創辦人全程參與"
            "交流，並能以英語溝通。",
        ),
    },
}

MARKETS = [
    ("taiwan", T("Taiwan", "Taïwan", "臺灣")),
    ("japan-korea", T("Japan and Korea", "Japon et Corée", "日本與韓國")),
    ("southeast-asia", T("Southeast Asia", "Asie du Sud-Est", "東南亞")),
    ("france", T("France", "France", "法國")),
    ("europe", T("Rest of Europe", "Reste de l'Europe", "歐洲其他地區")),
    ("north-america", T("North America", "Amérique du Nord", "北美")),
]

PROJECT_STAGES = [
    ("idea", T("Idea", "Idée", "構想階段")),
    ("prototype", T("Prototype", "Prototype", "原型階段")),
    ("revenue", T("First revenue", "Premiers revenus", "已有營收")),
]

# The questions that differ between the two calls: the partner city and country.
PARTNER_QUESTIONS = {
    "taichung": {
        "exchange_goals": T(
            "What do you expect from your stay in Toulouse?",
            "Qu'attendez-vous de votre séjour à Toulouse ?",
            "您對赴土魯斯交流有何期待？",
        ),
        "has_partner": T(
            "Do you already have a partner in France?",
            "Avez-vous déjà un partenaire en France ?",
            "您在法國是否已有合作夥伴？",
        ),
    },
    "toulouse": {
        "exchange_goals": T(
            "What do you expect from your stay in Taichung?",
            "Qu'attendez-vous de votre séjour à Taichung ?",
            "您對赴臺中交流有何期待？",
        ),
        "has_partner": T(
            "Do you already have a partner in Taiwan?",
            "Avez-vous déjà un partenaire à Taïwan ?",
            "您在臺灣是否已有合作夥伴？",
        ),
    },
}


def call_questions(side_slug: str) -> list[dict]:
    """The form of `side_slug`'s call; between them the two forms use every question kind."""
    partner = PARTNER_QUESTIONS[side_slug]
    return [
        {
            "key": "tagline",
            "kind": QuestionKind.SHORT_TEXT,
            "required": True,
            "max_length": 140,
            "label": T("One-sentence pitch", "Votre projet en une phrase", "一句話介紹您的專案"),
            "help_text": T(
                "What you do, and for whom.",
                "Ce que vous faites, et pour qui.",
                "您做什麼、為誰而做。",
            ),
        },
        {
            "key": "problem",
            "kind": QuestionKind.LONG_TEXT,
            "required": True,
            "max_length": 1500,
            "label": T(
                "Which problem do you solve?", "Quel problème résolvez-vous ?", "您要解決什麼問題？"
            ),
            "help_text": T(
                "Who has it, and what it costs them today.",
                "Qui le rencontre, et ce qu'il lui coûte aujourd'hui.",
                "誰面臨這個問題，目前造成多少成本。",
            ),
        },
        {
            "key": "solution",
            "kind": QuestionKind.LONG_TEXT,
            "required": True,
            "max_length": 1500,
            "label": T("Your solution", "Votre solution", "您的解決方案"),
            "help_text": T(
                "What is new about it, and how it works.",
                "Ce qu'elle a de nouveau, et comment elle fonctionne.",
                "創新之處與運作方式。",
            ),
        },
        {
            "key": "traction",
            "kind": QuestionKind.LONG_TEXT,
            "required": True,
            "max_length": 1000,
            "label": T("Traction so far", "Vos résultats à ce jour", "目前的進展與成果"),
            "help_text": T(
                "Users, pilots, customers, revenue: figures if you have them.",
                "Utilisateurs, pilotes, clients, chiffre d'affaires : des chiffres si vous en "
                "avez.",
                "使用者、試點、客戶、營收：請盡量提供數字。",
            ),
        },
        {
            "key": "stage",
            "kind": QuestionKind.SINGLE_CHOICE,
            "required": True,
            "label": T("Stage of the project", "Stade du projet", "專案階段"),
            "help_text": T("", "", ""),
            "choices": PROJECT_STAGES,
        },
        {
            "key": "team_size",
            "kind": QuestionKind.NUMBER,
            "required": True,
            "min_value": 1,
            "max_value": 50,
            "label": T("Team size", "Taille de l'équipe", "團隊人數"),
            "help_text": T(
                "Founders and employees, full-time equivalent.",
                "Fondateurs et salariés, en équivalent temps plein.",
                "創辦人與員工，以全職人力計。",
            ),
        },
        {
            "key": "founded_on",
            "kind": QuestionKind.DATE,
            "label": T("Founded on", "Date de création", "成立日期"),
            "help_text": T(
                "Leave empty if the company is not registered yet.",
                "Laissez vide si l'entreprise n'est pas encore immatriculée.",
                "若公司尚未登記，請留空。",
            ),
        },
        {
            "key": "website",
            "kind": QuestionKind.URL,
            "identifying": True,
            "label": T("Website", "Site web", "網站"),
            "help_text": T("", "", ""),
        },
        {
            "key": "tech_contact",
            "kind": QuestionKind.EMAIL,
            "identifying": True,
            "label": T(
                "Technical lead's email", "E-mail du responsable technique", "技術負責人電子郵件"
            ),
            "help_text": T(
                "The committee may write to them with technical questions.",
                "Le comité pourra lui écrire pour des questions techniques.",
                "評選委員會可能就技術問題與其聯繫。",
            ),
        },
        {
            "key": "markets",
            "kind": QuestionKind.MULTIPLE_CHOICE,
            "required": True,
            "label": T("Markets you target", "Marchés visés", "目標市場"),
            "help_text": T(
                "Tick all that apply.", "Cochez toutes les réponses utiles.", "可複選。"
            ),
            "choices": MARKETS,
        },
        {
            "key": "exchange_goals",
            "kind": QuestionKind.LONG_TEXT,
            "required": True,
            "max_length": 1000,
            "label": partner["exchange_goals"],
            "help_text": T(
                "Whom you would like to meet, and what would make the stay a success.",
                "Qui vous aimeriez rencontrer, et ce qui ferait de ce séjour une réussite.",
                "希望接觸的對象，以及您認為成功交流的標準。",
            ),
        },
        {
            "key": "has_partner",
            "kind": QuestionKind.YES_NO,
            "required": True,
            "label": partner["has_partner"],
            "help_text": T("", "", ""),
        },
        {
            "key": "partner_details",
            "kind": QuestionKind.LONG_TEXT,
            "required": True,
            "max_length": 800,
            "show_if": ("has_partner", "yes"),
            "label": T("Tell us about this partner", "Présentez ce partenaire", "請說明該合作夥伴"),
            "help_text": T(
                "Who they are and what you do together.",
                "Qui il est et ce que vous faites ensemble.",
                "對方的身分，以及雙方的合作內容。",
            ),
        },
        {
            "key": "product_sheet",
            "kind": QuestionKind.FILE,
            "file_kind": FileKind.PDF_OR_IMAGE,
            "label": T("Product sheet", "Fiche produit", "產品說明"),
            "help_text": T(
                "A PDF or an image; one page is enough.",
                "Un PDF ou une image ; une page suffit.",
                "PDF 或圖片，一頁即可。",
            ),
        },
    ]


# The people with a role; `look_at` tells the demo's visitor what to try with the login.
PEOPLE = [
    {
        "email": "admin@jumelage.demo",
        "full_name": "Demo Operator",
        "language": "en",
        "is_staff": True,
        "is_superuser": True,
        "role_label": "Operator (superuser)",
        "look_at": "/en/admin/: every record of every side",
    },
    {
        "email": "manager@taichung.demo",
        "full_name": "林美華",
        "language": "zh-hant",
        "side": "taichung",
        "role": Role.MANAGER,
        "role_label": "Manager, Taichung",
        "look_at": "Taichung's call and its applications; the aerospace theme to answer",
    },
    {
        "email": "manager@toulouse.demo",
        "full_name": "Camille Durand",
        "language": "fr",
        "side": "toulouse",
        "role": Role.MANAGER,
        "role_label": "Manager, Toulouse",
        "look_at": "Toulouse's call and its applications; hosting offers; the outbox",
    },
    {
        "email": "host@lacantine.demo",
        "full_name": "Léa Martin",
        "language": "fr",
        "side": "toulouse",
        "role": Role.HOST_STAFF,
        "organisation": "la-cantine",
        "role_label": "Host staff, La Cantine",
        "look_at": "La Cantine's hosting offer for the cycle",
    },
    {
        "email": "applicant@jumelage.demo",
        "full_name": "Alex Newcomer",
        "language": "en",
        "role_label": "Applicant, no application yet",
        "look_at": "Apply to one of the two open calls",
    },
]
