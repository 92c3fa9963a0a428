"""The 2018 official visit of Taichung to Toulouse, from the seed report, as structured data:
its delegation, journeys, lodging, itinerary of 15–21 July 2018 and the trip report with its
seven visits. The itinerary and the texts follow the report; flight numbers, prices and the
exchange rate are demo figures. Loading twice changes nothing."""

import datetime as dt
import io
import zoneinfo
from decimal import Decimal

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from jumelage.demo.data import T
from jumelage.exchange.enums import DayPeriod, LegMode, TravellerRole
from jumelage.exchange.models import (
    Delegation,
    ExchangeRate,
    ItineraryItem,
    Stay,
    TravelLeg,
    Traveller,
)
from jumelage.reports.models import TripReport, VisitPhoto, VisitSection

SLUG = "toulouse-2018"
TAIPEI, PARIS, HONG_KONG = "Asia/Taipei", "Europe/Paris", "Asia/Hong_Kong"
SUFFIXES = ("en", "fr", "zh_hant")


def _t(field: str, text: T) -> dict:
    return {f"{field}_{suffix}": value for suffix, value in zip(SUFFIXES, text, strict=True)}


def _at(day: int, hour: int, minute: int, zone: str) -> dt.datetime:
    return dt.datetime(2018, 7, day, hour, minute, tzinfo=zoneinfo.ZoneInfo(zone))


TRAVELLERS = [
    {
        "role": TravellerRole.HEAD,
        "name": T("LEE Yi-an", "LEE Yi-an", "李逸安"),
        "unit": T(
            "Economic Development Bureau, Taichung City Government",
            "Bureau du développement économique, ville de Taichung",
            "臺中市政府經濟發展局",
        ),
        "title": T("Deputy Director-General", "Directeur général adjoint", "副局長"),
    },
    {
        "role": TravellerRole.STAFF,
        "name": T("LIN Ting-wei", "LIN Ting-wei", "林鼎為"),
        "unit": T(
            "Commerce Development Research Institute",
            "Institut de recherche sur le développement du commerce",
            "財團法人商業發展研究院",
        ),
        "title": T("Assistant Researcher", "Assistant de recherche", "佐理研究員"),
    },
]

TPE = T("Taoyuan (TPE)", "Taoyuan (TPE)", "桃園機場")
CDG = T("Paris-CDG", "Paris-CDG", "巴黎戴高樂機場")
TLS = T("Toulouse-Blagnac", "Toulouse-Blagnac", "土魯斯機場")
HKG = T("Hong Kong (HKG)", "Hong Kong (HKG)", "香港機場")

# (key, carrier, number, from, departs, to, arrives, estimate, currency): demo flights.
LEGS = [
    (
        "out",
        "EVA Air",
        "BR 87",
        TPE,
        _at(15, 10, 25, TAIPEI),
        CDG,
        _at(15, 18, 5, PARIS),
        "62000",
        "TWD",
    ),
    (
        "tls",
        "Air France",
        "AF 7788",
        CDG,
        _at(15, 20, 55, PARIS),
        TLS,
        _at(15, 22, 20, PARIS),
        "236",
        "EUR",
    ),
    (
        "paris",
        "Air France",
        "AF 7779",
        TLS,
        _at(19, 7, 0, PARIS),
        CDG,
        _at(19, 8, 20, PARIS),
        "248",
        "EUR",
    ),
    (
        "hkg",
        "Cathay Pacific",
        "CX 260",
        CDG,
        _at(19, 17, 50, PARIS),
        HKG,
        _at(20, 11, 40, HONG_KONG),
        "48000",
        "TWD",
    ),
    (
        "home",
        "Cathay Pacific",
        "CX 402",
        HKG,
        _at(20, 23, 40, HONG_KONG),
        TPE,
        _at(21, 1, 35, TAIPEI),
        "9000",
        "TWD",
    ),
]

HOTEL = "ibis Toulouse Ponts Jumeaux"

# (day, time or period, zone, activity, place, address, leg key, host organisation slug)
ITINERARY = [
    (
        15,
        dt.time(10, 25),
        TAIPEI,
        T("Departure from Taoyuan airport", "Départ de l'aéroport de Taoyuan", "桃園機場出發"),
        T("Flight to Paris", "Vol pour Paris", "搭機飛往法國巴黎"),
        "",
        "out",
        None,
    ),
    (
        15,
        dt.time(22, 20),
        PARIS,
        T("Arrival at Toulouse airport", "Arrivée à l'aéroport de Toulouse", "抵達法國土魯斯機場"),
        T("Connecting flight to Toulouse", "Correspondance pour Toulouse", "轉機飛往土魯斯"),
        "",
        "tls",
        None,
    ),
    (
        15,
        dt.time(23, 0),
        PARIS,
        T("Arrival at the hotel", "Arrivée à l'hôtel", "抵達下榻飯店"),
        T(HOTEL, HOTEL, "圖盧茲朱梅奧克宜必思飯店 (ibis Toulouse Ponts Jumeaux Toulouse)"),
        "",
        None,
        None,
    ),
    (
        16,
        DayPeriod.AFTERNOON,
        PARIS,
        T(
            "Meeting with the Vice-President of Toulouse Métropole",
            "Rencontre avec le vice-président de Toulouse Métropole",
            "拜會大土魯斯副主席",
        ),
        T("Toulouse City Hall", "Capitole de Toulouse", "土魯斯市政廳"),
        "1 Place du Capitole, 31000 Toulouse",
        None,
        None,
    ),
    (
        17,
        DayPeriod.MORNING,
        PARIS,
        T(
            "FAB14 opening ceremony and forum",
            "Cérémonie d'ouverture et forum de FAB14",
            "新創大會 FAB14 開幕儀式暨論壇",
        ),
        T(
            "Pierre Baudis Convention Center",
            "Centre de congrès Pierre Baudis",
            "Pierre Baudis Convention Center",
        ),
        "",
        None,
        None,
    ),
    (
        17,
        DayPeriod.AFTERNOON,
        PARIS,
        T(
            "Visit of the At Home incubator",
            "Visite de l'incubateur At Home",
            "參訪育成中心 At Home",
        ),
        T("At Home", "At Home", "At Home"),
        "32 Rue des Marchands, 31000 Toulouse",
        None,
        "at-home",
    ),
    (
        18,
        DayPeriod.MORNING,
        PARIS,
        T(
            "Visit of the La Cantine incubator",
            "Visite de l'incubateur La Cantine",
            "參訪育成中心 La Cantine",
        ),
        T("Quai des Savoirs", "Quai des Savoirs", "Quai des Savoirs"),
        "39 Allée Jules Guesde, 31400 Toulouse",
        None,
        "la-cantine",
    ),
    (
        18,
        DayPeriod.MORNING,
        PARIS,
        T(
            "Visit of the Village by CA incubator",
            "Visite de l'incubateur Village by CA",
            "參訪育成中心 Village by CA",
        ),
        T("Le Village by CA", "Le Village by CA", "Le Village by CA"),
        "31 Allée Jules Guesde, 31400 Toulouse",
        None,
        "village-by-ca",
    ),
    (
        18,
        DayPeriod.AFTERNOON,
        PARIS,
        T(
            "Visit of the IoT Valley incubator",
            "Visite de l'IoT Valley",
            "參訪物聯網新創育成中心 IOT Valley",
        ),
        T("IoT Valley", "IoT Valley", "IoT Valley"),
        "425 Rue Jean Rostand, 31670 Labège",
        None,
        "iot-valley",
    ),
    (
        19,
        DayPeriod.MORNING,
        PARIS,
        T(
            "From Toulouse airport to Paris",
            "De l'aéroport de Toulouse à Paris",
            "土魯斯機場前往巴黎",
        ),
        T("Flight to Paris", "Vol pour Paris", "搭機飛往法國巴黎"),
        "",
        "paris",
        None,
    ),
    (
        19,
        DayPeriod.AFTERNOON,
        PARIS,
        T(
            "Visit to the Taipei Representative Office in France",
            "Visite au Bureau de représentation de Taipei en France",
            "拜會駐法國臺北代表處",
        ),
        T(
            "Taipei Representative Office in France",
            "Bureau de représentation de Taipei en France",
            "駐法國臺北代表處",
        ),
        "78 rue de l'Université, 75007 Paris, France",
        None,
        None,
    ),
    (
        19,
        DayPeriod.AFTERNOON,
        PARIS,
        T("From Paris-CDG to Hong Kong", "De Paris-CDG à Hong Kong", "巴黎戴高樂前往香港機場"),
        T("Flight to Hong Kong", "Vol pour Hong Kong", "搭機飛往香港"),
        "",
        "hkg",
        None,
    ),
    (
        20,
        DayPeriod.AFTERNOON,
        HONG_KONG,
        T("From Hong Kong to Taoyuan", "De Hong Kong à Taoyuan", "香港機場前往桃園機場"),
        T("Connecting flight back to Taiwan", "Correspondance pour Taïwan", "轉機返回臺灣"),
        "",
        "home",
        None,
    ),
    (
        21,
        DayPeriod.MORNING,
        TAIPEI,
        T("Arrival at Taoyuan airport", "Arrivée à l'aéroport de Taoyuan", "抵達桃園機場"),
        T("Back in Taiwan", "Retour à Taïwan", "搭機返抵臺灣"),
        "",
        "home",
        None,
    ),
]

REPORT = {
    "title": T(
        "Taichung City Government Economic Development Bureau: FAB14 world conference and "
        "startup exchange in Toulouse, France",
        "Bureau du développement économique de Taichung : conférence mondiale FAB14 et "
        "coopération entre startups à Toulouse",
        "台中市政府經濟發展局赴法國土魯斯參加 FAB14 世界大會暨新創產業交流合作",
    ),
    "authority": T(
        "Economic Development Bureau, Taichung City Government",
        "Bureau du développement économique, ville de Taichung",
        "臺中市政府經濟發展局",
    ),
    "names": T(
        "LEE Yi-an, Deputy Director-General, and others",
        "LEE Yi-an, directeur général adjoint, et al.",
        "李逸安副局長等",
    ),
    "country": T("France", "France", "法國"),
    "summary": T(
        "In June 2017 the Mayor led a delegation to France that deepened the cooperation "
        "between the cities and helped Taichung's smart machinery and aerospace firms reach "
        "international markets. Invited again by the City of Toulouse, the Deputy "
        "Director-General of the Economic Development Bureau travelled to Paris and Toulouse "
        "in July 2018: he met Toulouse Métropole, attended the opening of the FAB14 conference "
        "and its forum, visited five accelerators and incubators of Toulouse's startup "
        "ecosystem, and called on the Taipei Representative Office in France.\n"
        "The programme echoes the city's policies (the 2018 Taichung World Flora Exposition, "
        "youth entrepreneurship, startup loans, the Central Taiwan maker cluster) and looks for "
        "French resources and partners for Taichung's startups.",
        "En juin 2017, le maire a conduit une délégation en France qui a renforcé la coopération "
        "entre les villes et aidé les entreprises de machines intelligentes et d'aéronautique de "
        "Taichung à l'international. À l'invitation de la ville de Toulouse, le directeur "
        "général adjoint du Bureau du développement économique s'est rendu à Paris et Toulouse "
        "en juillet 2018 : rencontre avec Toulouse Métropole, ouverture de la conférence FAB14 "
        "et son forum, visite de cinq accélérateurs et incubateurs toulousains, visite au Bureau "
        "de représentation de Taipei en France.\n"
        "Le programme fait écho aux politiques de la ville (Exposition florale internationale "
        "de Taichung 2018, entrepreneuriat des jeunes, prêts aux startups, cluster des makers) "
        "et cherche en France des ressources et des partenaires pour les startups de Taichung.",
        "本府去(106)年 6 月由市長率團前往法國進行產業參訪，不僅深化城市間交流與合作，更協助本市"
        "智慧機械及航太相關業者拓展國際行銷通路。在臺中與法國良好的合作基礎上，今(107)年 7 月續應"
        "法國土魯斯市政府邀請，由經濟發展局副局長代表前往該國進行市政及產業交流，期間分別前往巴黎"
        "及土魯斯，拜會土魯斯市政府、參加新創年會 FAB14 開幕儀式及論壇、參訪土魯斯當地 5 個重點"
        "新創產業之加速器及孵化器，並拜會駐法代表處等。\n"
        "本次行程內容呼應本府各項重大政策，包括 2018 臺中世界花卉博覽會、推動青年希望工程、青年"
        "創業融資貸款、中台灣創客聚落計畫、青年創業基地等議題，同時尋求法國公私部門挹注資源於臺中"
        "新創事業或與本市業者合作之機會。",
    ),
    "purpose": T(
        "Following the Mayor's 2017 visit and Vice-President Bertrand Serp's return visit to "
        "Taichung in October 2017, both cities had agreed to study a startup exchange "
        "programme. This trip was to confirm that consensus and draw up the programme's plan, "
        "to attend FAB14 at Toulouse's invitation and to visit its accelerators and "
        "incubators.\n"
        "It was also to promote the 2018 Flora Exposition and the 2020 orchid show through "
        "France's networks, and to present Taichung, Taiwan's most liveable city, to French "
        "partners.",
        "Après la visite du maire en 2017 et la visite retour du vice-président Bertrand Serp à "
        "Taichung en octobre 2017, les deux villes étaient convenues d'étudier un programme "
        "d'échange de startups. Ce voyage devait confirmer ce consensus et en tracer le plan, "
        "assister à FAB14 à l'invitation de Toulouse et visiter ses accélérateurs et "
        "incubateurs.\n"
        "Il s'agissait aussi de promouvoir l'Exposition florale 2018 et le salon des orchidées "
        "2020 par les réseaux français, et de présenter Taichung, ville la plus agréable à vivre "
        "de Taïwan, aux partenaires français.",
        "繼去年市長林佳龍率團訪問法國行程中，曾會見大土魯斯副主席 Bertrand Serp 等政要，Serp "
        "旋於同年 10 月回訪本市，達成多項共識，包括研商「新創公司交流計畫」之未來合作方式。本次"
        "行程主要目的之一，即係延續前揭議題，進一步確立雙邊共識與擘劃計劃藍圖；同時，在法方邀請"
        "下，前往參與新創界年度盛會 FAB14 開幕儀式與參訪多個土魯斯當地新創加速器及育成中心。\n"
        "其次，透過國際網絡宣傳 2018 花博、2020 國際蘭展等國際會展之效益；本次行程將進一步向法方"
        "推廣臺中這座「臺灣最宜居城市」，以促進實質觀光與經貿的交流機會。",
    ),
    "reflections": T(
        "1. Learning from France's startup ecosystem strategy. La French Tech, launched in "
        "2013, links France's startup cities with the world, invests 200 million euros through "
        "Bpifrance and 15 million euros in international promotion; the incubators we visited "
        "benefit from it.\n"
        "2. A new channel of city diplomacy through startup exchange. The meeting with "
        "Bertrand Serp confirmed the startup exchange programme and its timeline, to widen "
        "later to aerospace, smart machinery, digital industries and the smart city, and "
        "perhaps a sister-city agreement.",
        "1. S'inspirer de la stratégie française pour l'écosystème des startups. La French "
        "Tech, lancée en 2013, relie les villes françaises de startups au monde, investit 200 "
        "millions d'euros par Bpifrance et 15 millions d'euros dans la promotion "
        "internationale ; les incubateurs visités en bénéficient.\n"
        "2. Un nouveau canal de diplomatie urbaine par l'échange de startups. La rencontre avec "
        "Bertrand Serp a confirmé le programme d'échange et son calendrier, à étendre ensuite à "
        "l'aéronautique, aux machines intelligentes, au numérique et à la ville intelligente, "
        "voire à un jumelage.",
        "一、借鏡法國打造新創事業生態系策略：由法國政府與民間合作推動 La French Tech，係自 2013 年"
        "開始推動的新創品牌，鏈結國內外具有國際影響力的創業大城，由法國政府提撥 2 億歐元透過公共"
        "投資銀行(Bpifrance)扶植新創團隊，並投入 1,500 萬歐元加強宣傳國際知名度；此行拜訪的育成"
        "中心多受惠於此項計畫。\n"
        "二、透過新創產業交流合作，建構城市外交新渠道：此行會晤大土魯斯副主席 Bertrand Serp，延續"
        "雙邊對「新創公司交流計畫」之共識，並規劃出推動時程表，進一步擴展至航太、智慧機械、數位"
        "產業以及智慧城市等領域，未來更可透過締結姊妹市的方式，強化雙邊關係。",
    ),
    "recommendations": T(
        "1. Bring the city's schemes together into one startup ecosystem and a startup "
        "service support platform, and steer the exchange's themes towards the smart city: "
        "IoT, AI, smart manufacturing, big data.\n"
        "2. Widen the cooperation to academic and talent exchange, a sister-city agreement "
        "with Toulouse, or memoranda on startups and the smart city.",
        "1. Réunir les dispositifs de la ville en un seul écosystème et une plateforme de "
        "services aux startups, et orienter les thèmes de l'échange vers la ville "
        "intelligente : IoT, IA, fabrication intelligente, big data.\n"
        "2. Étendre la coopération aux échanges universitaires et de talents, à un jumelage "
        "avec Toulouse ou à des protocoles d'accord sur les startups et la ville intelligente.",
        "一、整合相關資源，推動本市成為國際城市新創交流最佳實踐：整合青創夢想家及地方產業創新研發"
        "推動計畫、青年新創培育輔導計畫、「摘星青年、築夢臺中」創業基地進駐計畫、創業服務支援平臺、"
        "青年創業貸款利息貼補等，並讓臺法雙邊新創交流議題導向智慧城市領域，包括物聯網、AI、智慧"
        "製造、大數據等面向。\n"
        "二、擴大雙邊合作領域，深化城市交流：進一步積極推動雙邊學術、高教人才交流，以及與土魯斯"
        "締結姊妹市或簽署新創事業、智慧城市等合作備忘錄。",
    ),
}

# (title, whom, discussion, photos as (caption, width, height, colour)); the seed's 二 to 八.
SECTIONS = [
    (
        T(
            "Meeting Bertrand Serp, Vice-President of Toulouse Métropole",
            "Rencontre avec Bertrand Serp, vice-président de Toulouse Métropole",
            "拜會大土魯斯副主席 Bertrand Serp",
        ),
        T(
            "Bertrand Serp, Vice-President of Toulouse Métropole for the smart city",
            "Bertrand Serp, vice-président de Toulouse Métropole chargé de la ville intelligente",
            "大土魯斯負責智慧城市副主席 Bertrand Serp",
        ),
        T(
            "Both sides took up the startup exchange programme sketched in 2017, set its "
            "timeline and content, and agreed to fund it in the 2019 budget: each side selects "
            "startup teams to exchange, hosts the other's teams, visits local incubators and "
            "meets large local companies. The timeline runs from setting the themes "
            "(July–December 2018) to the exchange itself (October 2019) and an outcome meeting.",
            "Les deux parties ont repris le programme d'échange de startups esquissé en 2017, en "
            "ont fixé le calendrier et le contenu, et sont convenues de le financer au budget "
            "2019 : chaque partie sélectionne des équipes, accueille celles de l'autre, fait "
            "visiter ses incubateurs et rencontrer ses grandes entreprises. Le calendrier va du "
            "choix des thèmes (juillet–décembre 2018) à l'échange lui-même (octobre 2019) et à "
            "une réunion de bilan.",
            "雙邊延續此前初步擘劃之「新創公司交流計畫」進行進一步討論，梳理實際推動期程與內容，擬於"
            "明(108)年度編列經費辦理相關新創計畫，遴選"
            "雙方交換新創產業領域新創團隊，並擇期與土魯斯市"
            "進行互訪與接待，規劃參觀在地育成中心及媒合地方大型企業等。計畫時程自確立新創議題主軸"
            "(2018年7月至12月)至啟動新創互換機制(2019年10月)及召開活動成果報告會議。",
        ),
        [
            (
                T(
                    "The Deputy Director-General and Vice-Pre"
                    "sident Serp (right) discuss the exchange",
                    "Le directeur général adjoint et le vice-président Serp (à droite)",
                    "副局長與大土魯斯副主席 Serp(右一)商討雙邊新創互換計畫",
                ),
                640,
                427,
                (176, 74, 60),
            ),
            (
                T(
                    "Gifts from the Mayor to Vice-President Serp",
                    "Cadeaux du maire au vice-président Serp",
                    "副局長代表市長贈送 Serp 綻福石虎雕像與湖心亭漆盤",
                ),
                480,
                480,
                (196, 120, 72),
            ),
        ],
    ),
    (
        T(
            "The opening of the FAB14 world conference",
            "L'ouverture de la conférence mondiale FAB14",
            "參與 FAB14 世界大會開幕典禮",
        ),
        T(
            "Neil Gershenfeld (MIT), Sherry Lassiter (Fab Foundation), Nicolas Lassabe (Artilect)",
            "Neil Gershenfeld (MIT), Sherry Lassiter (Fab Foundation), Nicolas Lassabe (Artilect)",
            "Neil Gershenfeld 教授、Sherry Lassiter、Artilect FabLab 創辦人 Nicolas Lassabe",
        ),
        T(
            'FAB14 gathered more than 1,200 Fab Labs around "Fabricating Resilience" in five '
            "tracks: food, mobility, machines, money and access. Airbus, Thales and Renault "
            "sponsored it. The mobility forum discussed drones, self-driving cars, AI and IoT in "
            "the city of the future, and how rules must change with them.",
            "FAB14 a réuni plus de 1 200 Fab Labs autour de « Fabricating Resilience » en cinq "
            "thèmes : alimentation, mobilité, machines, monnaie et accès. Airbus, Thales et "
            "Renault en étaient mécènes. Le forum sur la mobilité a traité des drones, de la "
            "voiture autonome, de l'IA et de l'IoT dans la ville de demain, et des règles à "
            "adapter.",
            "今年 FAB14 以「Fabricating Resilience」為主題，分為糧食、移動、機器、貨幣及資訊准入等"
            "五大主題，每年來自全球超過 1,200 個 Fablab 群聚一堂；Airbus、THALES、雷諾等均為主要"
            "贊助企業。開幕後之「移動」論壇針對無人機、自動駕駛、人工智慧、物聯網等技術與都市未來的"
            "移動情境及法規修正進行探討。",
        ),
        [
            (
                T(
                    "The FAB14 venue and the opening ceremony",
                    "Le lieu de FAB14 et la cérémonie",
                    "FAB14 活動舉辦地點外觀及開幕儀式現場",
                ),
                800,
                450,
                (52, 92, 150),
            ),
        ],
    ),
    (
        T(
            "Visit of the At Home incubator",
            "Visite de l'incubateur At Home",
            "拜訪土魯斯新創育成中心 AT HOME",
        ),
        T(
            "Arnaud Thersiquel, co-founder and chairman; Virgile Brohart, City of Toulouse",
            "Arnaud Thersiquel, cofondateur et président ; Virgile Brohart, ville de Toulouse",
            "AT HOME 共同創辦人兼主席 Arnaud Thersiquel、土魯斯市政府 Virgile Brohart",
        ),
        T(
            "At Home runs three sites in Toulouse and one in Paris, with about one million "
            "euros a year and no public funding. Four services: coworking; incubation "
            "(courses, pitch training, management, fundraising); team building with the "
            "technical resources a team lacks; matchmaking with VCs and large companies.",
            "At Home compte trois sites à Toulouse et un à Paris, environ un million d'euros par "
            "an, sans fonds publics. Quatre services : coworking ; incubation (cours, pitch, "
            "gestion, levée de fonds) ; constitution d'équipe avec les compétences qui manquent ; "
            "mise en relation avec des fonds et de grandes entreprises.",
            "AT HOME 在全法國共有 4 處位址，土魯斯即有 3 處，每年支出維持在 100 萬歐元左右，沒有"
            "公部門資金挹注。提供四大服務：(1)共創空間；(2)創業育成服務，包括創業課程、簡報技巧、"
            "經營管理、資金募集；(3)協助團隊組建；(4)VC、大型企業等媒合。",
        ),
        [
            (
                T(
                    "Talking with At Home's co-founder",
                    "Entretien avec le cofondateur d'At Home",
                    "副局長與 AT HOME 共同創辦人對談",
                ),
                600,
                400,
                (90, 130, 90),
            ),
        ],
    ),
    (
        T(
            "Visit of the La Cantine incubator",
            "Visite de l'incubateur La Cantine",
            "拜訪新創孵化器 La Cantine",
        ),
        T(
            "La Mêlée, the non-profit that runs La Cantine",
            "La Mêlée, l'association qui anime La Cantine",
            "La Mêlée 負責人",
        ),
        T(
            "Opened in 2015 with Toulouse Métropole's support, La Cantine has supported about "
            "210 startups; 46 went on to incubation and 6 raised between 0.5 and 7 million "
            "euros. A team goes through an interview, a stress test, a tailored roadmap and "
            "network linkage, with six tools from expert meetings to technical tools.",
            "Ouverte en 2015 avec le soutien de Toulouse Métropole, La Cantine a accompagné "
            "environ 210 startups ; 46 sont passées en incubation et 6 ont levé de 0,5 à 7 "
            "millions d'euros. Une équipe y passe par un entretien, un test de résistance, une "
            "feuille de route sur mesure et la mise en réseau, avec six outils.",
            "La Cantine 於 2015 年在大土魯斯資源挹注下正式開幕，至今輔導約 210 個新創團隊，其中 46 "
            "個步入育成階段，6 個募得 50 萬至 700 萬歐元。新創團隊經歷會談、「極限測試」、量身打造"
            "之發展路線圖及網絡連結四個階段，並有專家會談等六大工具。",
        ),
        [
            (
                T(
                    "La Mêlée's presentation at La Cantine",
                    "La présentation de La Mêlée",
                    "副局長拜會 La Cantine，並專心聆聽 La Mêlée 負責人簡報",
                ),
                640,
                480,
                (150, 110, 40),
            ),
        ],
    ),
    (
        T(
            "Visit of the Village by CA incubator",
            "Visite de l'incubateur Village by CA",
            "拜訪新創孵化器 Village by CA",
        ),
        T(
            "The team of Le Village by CA Toulouse",
            "L'équipe du Village by CA Toulouse",
            "Le Village by CA 人員",
        ),
        T(
            "Next to La Cantine, Le Village by CA links large companies, startups and Crédit "
            "Agricole's funding: 24 sites in France (more than 30 planned by 2020), 465 "
            "partners such as Microsoft and IBM, about 2 million euros raised by its startups "
            "last year, and financial plans tailored to a team entering a new region.",
            "Voisin de La Cantine, Le Village by CA relie grandes entreprises, startups et "
            "financement du Crédit Agricole : 24 sites en France (plus de 30 prévus en 2020), 465 "
            "partenaires dont Microsoft et IBM, environ 2 millions d'euros levés par ses startups "
            "l'an dernier, et des plans de financement sur mesure.",
            "Le Village by CA 緊鄰 La Cantine，串聯大型企業、新創團體及法國農業信貸銀行之資金，全法"
            "已有 24 個據點，預計 2020 年前增加至超過 3"
            "0 個；擁有 465 個夥伴，包括微軟、IBM 等；去年"
            "新創總募資額約 200 萬歐元，並為新創公司量身打造財務規劃。",
        ),
        [
            (
                T(
                    "A guided tour of Le Village by CA",
                    "Visite guidée du Village by CA",
                    "副局長專心聆聽 Le Village by CA 人員導覽",
                ),
                720,
                405,
                (70, 140, 130),
            ),
        ],
    ),
    (
        T("Visit of IoT Valley", "Visite de l'IoT Valley", "拜訪 IoT Valley"),
        T(
            "Jonas Roman, programme manager",
            "Jonas Roman, chef de programme",
            "計畫經理 Jonas Roman",
        ),
        T(
            "IoT Valley in Labège, founded in 2009 on 10 hectares and driven by Sigfox, bridges "
            "IoT startups with corporate and market demand along an industrialisation path: "
            "proof of concept, proof of service, proof of business. Sigfox's Taiwanese operator "
            "UnaBiz set up a test base station in Taichung.",
            "L'IoT Valley de Labège, créée en 2009 sur 10 hectares et portée par Sigfox, relie "
            "les startups de l'IoT à la demande des entreprises et du marché le long d'un chemin "
            "d'industrialisation : preuve de concept, de service, de business. L'opérateur "
            "taïwanais de Sigfox, UnaBiz, a installé une station d'essai à Taichung.",
            "IoT Valley 位於拉貝格市，成立於 2009 年、"
            "占地 10 公頃，背後推手為 Sigfox。其最重要的育成"
            "服務即橋接新創團隊與企業、市場需求，協助新創自概念驗證(POC)走向服務驗證(POS)、商業驗證"
            "(POB)。Sigfox 在臺灣營運商優納比於臺中架設測試基站。",
        ),
        [
            (
                T(
                    "Jonas Roman presents IoT Valley's programmes",
                    "Jonas Roman présente les programmes",
                    "副局長聽取計畫經理 Jonas Roman 說明 IoT Valley 相關新創培育規劃",
                ),
                400,
                560,
                (120, 80, 150),
            ),
        ],
    ),
    (
        T(
            "Visit to the Taipei Representative Office in France",
            "Visite au Bureau de représentation de Taipei en France",
            "拜會駐法國臺北代表處",
        ),
        T("Ambassador WU Chih-chung", "L'ambassadeur WU Chih-chung", "吳志中大使"),
        T(
            "On the Mayor's behalf, the Deputy Director-General congratulated Ambassador Wu, "
            "in office since July 2018 and a member of Taichung's international affairs "
            "committee, and presented the 2018 Flora Exposition. The ambassador promised to "
            "promote it to the French-speaking world and to invite mayors of friendly cities.",
            "Au nom du maire, le directeur général adjoint a félicité l'ambassadeur Wu, en "
            "poste depuis juillet 2018 et membre du comité des affaires internationales de "
            "Taichung, et lui a présenté l'Exposition florale 2018. L'ambassadeur a promis de la "
            "promouvoir dans le monde francophone et d'y inviter des maires de villes amies.",
            "李副局長銜林佳龍市長之命，代表臺中市恭賀吳志中大使就任，並因大使同時具有臺中市政府國際"
            "事務委員會委員之身分，特別介紹 2018 臺中"
            "花博；大使允諾將全力協助宣傳，邀請友好城市市長、"
            "業界人士等來臺共襄盛舉。",
        ),
        [
            (
                T(
                    "With Ambassador Wu at the Representative Office",
                    "Avec l'ambassadeur Wu",
                    "副局長拜會駐法國臺北代表處，並與吳志中大使合影",
                ),
                640,
                427,
                (60, 60, 110),
            ),
        ],
    ),
]


def load(sides, hosts) -> None:
    """The 2018 visit under the slug toulouse-2018, unless it is there already."""
    if Delegation.objects.filter(slug=SLUG).exists():
        return
    delegation = Delegation.objects.create(
        slug=SLUG,
        side=sides["taichung"],
        host_side=sides["toulouse"],
        starts_on=dt.date(2018, 7, 15),
        ends_on=dt.date(2018, 7, 21),
        **_t(
            "title",
            T(
                "Official visit to Toulouse, July 2018",
                "Visite officielle à Toulouse, juillet 2018",
                "2018 年 7 月赴土魯斯公務訪問",
            ),
        ),
    )
    travellers = _travellers(delegation)
    legs = _journeys(delegation, travellers)
    _itinerary(delegation, legs, hosts)
    _report(delegation)


def _travellers(delegation) -> list[Traveller]:
    return [
        Traveller.objects.create(
            delegation=delegation,
            order=order,
            role=spec["role"],
            **_t("name", spec["name"]),
            **_t("unit", spec["unit"]),
            **_t("title", spec["title"]),
        )
        for order, spec in enumerate(TRAVELLERS, start=1)
    ]


def _journeys(delegation, travellers) -> dict[str, TravelLeg]:
    legs = {}
    for key, carrier, number, origin, departs, destination, arrives, cost, currency in LEGS:
        legs[key] = TravelLeg.objects.create(
            delegation=delegation,
            mode=LegMode.FLIGHT,
            carrier=carrier,
            number=number,
            origin=origin.en,
            departs_at=departs,
            departure_timezone=str(departs.tzinfo),
            destination=destination.en,
            arrives_at=arrives,
            arrival_timezone=str(arrives.tzinfo),
            estimate=Decimal(cost),
            actual=Decimal(cost),
            currency=currency,
        )
        legs[key].travellers.set(travellers)
    stay = Stay.objects.create(
        delegation=delegation,
        hotel=HOTEL,
        address="Toulouse",
        check_in=dt.date(2018, 7, 15),
        check_out=dt.date(2018, 7, 19),
        estimate=Decimal("680"),
        actual=Decimal("652.40"),
        currency="EUR",
    )
    stay.travellers.set(travellers)
    ExchangeRate.objects.create(
        delegation=delegation, currency="EUR", rate=Decimal("35.6"), recorded_on=dt.date(2018, 7, 2)
    )
    return legs


def _itinerary(delegation, legs, hosts) -> None:
    for day, when, zone, activity, place, address, leg, host in ITINERARY:
        exact = isinstance(when, dt.time)
        ItineraryItem.objects.create(
            delegation=delegation,
            day=dt.date(2018, 7, day),
            starts_at=when if exact else None,
            period="" if exact else when,
            timezone=zone,
            address=address,
            leg=legs.get(leg),
            organisation=hosts.get(host),
            **_t("activity", activity),
            **_t("place", place),
        )


def _report(delegation) -> None:
    report = TripReport.objects.create(
        delegation=delegation,
        report_date=dt.date(2018, 9, 5),
        **{
            name: value for field, text in REPORT.items() for name, value in _t(field, text).items()
        },
    )
    for order, (title, whom, discussion, photos) in enumerate(SECTIONS, start=1):
        section = VisitSection.objects.create(
            report=report,
            order=order,
            **_t("title", title),
            **_t("whom", whom),
            **_t("discussion", discussion),
        )
        for number, (caption, width, height, colour) in enumerate(photos, start=1):
            VisitPhoto.objects.create(
                section=section,
                order=number,
                image=_picture(f"visit-{order}-{number}.jpg", width, height, colour),
                **_t("caption", caption),
            )


def _picture(name, width, height, colour) -> ContentFile:
    """A stand-in photo drawn here (no download): sky, ground and a building's outline."""
    image = Image.new("RGB", (width, height), colour)
    draw = ImageDraw.Draw(image)
    light = tuple(min(255, channel + 70) for channel in colour)
    draw.rectangle((0, 0, width, height * 2 // 5), fill=light)
    draw.rectangle(
        (width // 4, height // 4, width * 3 // 4, height * 4 // 5), outline="white", width=4
    )
    draw.polygon(
        [(width // 4, height // 4), (width // 2, height // 10), (width * 3 // 4, height // 4)],
        outline="white",
    )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return ContentFile(buffer.getvalue(), name=name)
