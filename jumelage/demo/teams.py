"""Forty invented applicant teams per side, with answers written in their own language.

Every team is built from fixed lists by a seeded random generator, so each load makes the
same teams. Names are invented and organisations say they are fictional.
"""

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from django.utils.text import slugify

from jumelage.calls.enums import ApplicationState
from jumelage.demo.data import TEAM_EMAIL_DOMAIN, T, pick

TEAMS_PER_SIDE = 40


class Concept(NamedTuple):
    theme: str
    tagline: T
    problem: T
    solution: T


CONCEPTS = [
    Concept(
        "iot",
        T(
            "Clip-on sensors that turn old water meters into smart meters",
            "Des capteurs à clipser qui rendent communicants les anciens compteurs d'eau",
            "外掛式感測器，讓舊水表變身智慧水表",
        ),
        T(
            "Most buildings still have mechanical water meters read by hand every two months. "
            "Leaks go unnoticed for weeks, and utilities cannot see consumption peaks.",
            "La plupart des immeubles ont encore des compteurs d'eau mécaniques relevés à la "
            "main tous les deux mois. Les fuites passent inaperçues pendant des semaines et les "
            "régies ne voient pas les pics de consommation.",
            "多數建築仍使用機械式水表，每兩個月由人工抄表一次。漏水往往數週後才被發現，"
            "自來水單位也無從掌握用水尖峰。",
        ),
        T(
            "A battery-powered optical reader clips onto the existing meter in five minutes and "
            "reports hourly readings over a low-power wide-area network. Our dashboard flags "
            "abnormal night-time flow as a probable leak.",
            "Un lecteur optique sur pile se fixe en cinq minutes sur le compteur existant et "
            "transmet un relevé horaire par un réseau bas débit longue portée. Notre tableau de "
            "bord signale tout débit nocturne anormal comme une fuite probable.",
            "以電池供電的光學讀取器，五分鐘即可裝在既有水表上，透過低功耗廣域網路每小時回傳"
            "讀數；管理平臺會將夜間異常流量標示為疑似漏水。",
        ),
    ),
    Concept(
        "iot",
        T(
            "Temperature tags that prove the cold chain was never broken",
            "Des étiquettes de température qui prouvent que la chaîne du froid n'a jamais été "
            "rompue",
            "證明冷鏈從未中斷的溫度標籤",
        ),
        T(
            "Small food and flower exporters lose whole shipments when a container warms up for "
            "a few hours, and cannot prove where it happened.",
            "Les petits exportateurs de produits frais et de fleurs perdent des cargaisons "
            "entières quand un conteneur se réchauffe quelques heures, sans pouvoir prouver où "
            "cela s'est produit.",
            "中小型生鮮與花卉出口商常因貨櫃短暫升溫而損失整批貨物，卻無法證明問題發生在哪個環節。",
        ),
        T(
            "Disposable, low-cost tags log the temperature every five minutes and upload their "
            "history whenever they pass a gateway. Shippers get a tamper-evident report per "
            "pallet.",
            "Des étiquettes jetables à bas coût enregistrent la température toutes les cinq "
            "minutes et envoient leur historique à chaque passage près d'une passerelle. "
            "L'expéditeur obtient un rapport infalsifiable par palette.",
            "低成本拋棄式標籤每五分鐘記錄溫度，經過閘道器時自動上傳紀錄，出貨方可取得每個棧板"
            "的防竄改報告。",
        ),
    ),
    Concept(
        "iot",
        T(
            "Parking sensors that guide drivers to a free space",
            "Des capteurs de stationnement qui guident les conducteurs vers une place libre",
            "引導駕駛找到空車位的停車感測器",
        ),
        T(
            "In busy districts, a large share of traffic is drivers circling for a parking "
            "space: it wastes time and fuel, and it blocks buses.",
            "Dans les quartiers animés, une bonne part de la circulation vient de conducteurs "
            "qui tournent pour se garer : temps et carburant perdus, bus bloqués.",
            "在熱鬧的街區，相當比例的車流來自繞圈找車位的駕駛，既浪費時間與燃料，也阻礙公車通行。",
        ),
        T(
            "Magnetic sensors glued onto each space report whether it is free; a city app and "
            "roadside signs send drivers to the nearest free space.",
            "Des capteurs magnétiques collés sur chaque place indiquent si elle est libre ; une "
            "application municipale et des panneaux orientent les conducteurs vers la place "
            "libre la plus proche.",
            "黏貼於每個車位的磁感測器回報車位狀態，透過市府 App 與路邊看板引導駕駛前往最近的空位。",
        ),
    ),
    Concept(
        "iot",
        T(
            "A street-level air quality network around schools",
            "Un réseau de mesure de la qualité de l'air autour des écoles",
            "校園周邊的街道級空氣品質監測網",
        ),
        T(
            "Official air quality stations are few and far apart; parents and schools do not "
            "know what children breathe at the school gate at rush hour.",
            "Les stations officielles de mesure de l'air sont rares et éloignées ; parents et "
            "écoles ignorent ce que respirent les enfants devant l'école aux heures de pointe.",
            "官方空品測站數量少且相距遠，家長與學校無從得知尖峰時段孩子在校門口吸入的空氣品質。",
        ),
        T(
            "Low-cost particle and NO2 sensors, calibrated against the official stations, "
            "publish minute-by-minute maps and alert schools before outdoor activities.",
            "Des capteurs de particules et de NO2 à bas coût, étalonnés sur les stations "
            "officielles, publient des cartes minute par minute et alertent les écoles avant "
            "les activités en plein air.",
            "以官方測站校正的低成本懸浮微粒與二氧化氮感測器，逐分鐘發布地圖，並在戶外活動前提醒學校。",
        ),
    ),
    Concept(
        "ai",
        T(
            "Camera inspection that learns a new part from fifty photos",
            "Une inspection par caméra qui apprend une nouvelle pièce avec cinquante photos",
            "只需五十張照片即可學會新零件的影像檢測",
        ),
        T(
            "Small workshops still inspect machined parts by eye. Inspectors tire at the end of "
            "a shift, and classic vision systems take weeks of tuning for each new part.",
            "Les petits ateliers contrôlent encore les pièces usinées à l'œil. Les contrôleurs "
            "se fatiguent en fin de poste, et les systèmes de vision classiques demandent des "
            "semaines de réglage pour chaque nouvelle pièce.",
            "中小型加工廠仍以目視檢查工件，檢驗員到了班末容易疲勞，而傳統視覺系統每換一種零件"
            "就要花數週調校。",
        ),
        T(
            "Our model is pre-trained on metal surfaces and adapts to a new part from about "
            "fifty labelled photos. It runs on an industrial PC beside the line and explains "
            "each rejection with a heat map.",
            "Notre modèle, pré-entraîné sur des surfaces métalliques, s'adapte à une nouvelle "
            "pièce avec une cinquantaine de photos annotées. Il tourne sur un PC industriel au "
            "bord de la ligne et justifie chaque rejet par une carte de chaleur.",
            "我們的模型預先以金屬表面訓練，只需約五十張標註照片即可適應新零件；在產線旁的工業"
            "電腦上運行，並以熱點圖說明每次判定不良的原因。",
        ),
    ),
    Concept(
        "ai",
        T(
            "A multilingual assistant for visitors to the city",
            "Un assistant multilingue pour les visiteurs de la ville",
            "城市旅客的多語智慧助理",
        ),
        T(
            "Foreign visitors struggle with signs, menus and transport information that exist "
            "only in the local language, and tourist offices are closed when they need help.",
            "Les visiteurs étrangers peinent à comprendre panneaux, menus et informations de "
            "transport disponibles seulement dans la langue locale, et les offices de tourisme "
            "sont fermés quand ils en ont besoin.",
            "外國旅客常看不懂只有在地語言的標示、菜單與交通資訊，需要協助時旅遊服務中心又已關閉。",
        ),
        T(
            "A chat assistant answers in the visitor's language from the city's open data, "
            "events calendar and transport timetables, and hands over to a person when it is "
            "unsure.",
            "Un assistant conversationnel répond dans la langue du visiteur à partir des données "
            "ouvertes de la ville, de l'agenda des événements et des horaires de transport, et "
            "passe la main à une personne en cas de doute.",
            "聊天助理依據市府開放資料、活動行事曆與交通時刻表，以旅客的語言回答問題，無法確定時"
            "即轉由真人服務。",
        ),
    ),
    Concept(
        "ai",
        T(
            "Early detection of crop disease from a phone photo",
            "La détection précoce des maladies des cultures à partir d'une photo",
            "用手機拍照及早發現作物病害",
        ),
        T(
            "Fruit and flower growers often notice a disease only when it has spread across the "
            "field, and agronomists cannot visit every farm each week.",
            "Les producteurs de fruits et de fleurs ne repèrent souvent une maladie qu'une fois "
            "qu'elle a gagné toute la parcelle, et les agronomes ne peuvent pas passer chaque "
            "semaine dans chaque exploitation.",
            "果農與花農往往在病害蔓延整片田區後才察覺，而農業專家無法每週巡視每一處農場。",
        ),
        T(
            "Growers photograph suspicious leaves; our model recognises common diseases and "
            "pests, and a regional map warns neighbouring farms when cases cluster.",
            "Les producteurs photographient les feuilles suspectes ; notre modèle reconnaît les "
            "maladies et ravageurs courants, et une carte régionale prévient les exploitations "
            "voisines quand les cas se multiplient.",
            "農民拍下可疑葉片，模型即可辨識常見病蟲害；當病例集中出現時，區域地圖會提醒鄰近農場。",
        ),
    ),
    Concept(
        "ai",
        T(
            "Ridership forecasts that match buses to riders",
            "Des prévisions de fréquentation pour ajuster les bus aux voyageurs",
            "預測乘客需求，讓公車班次更貼近實際運量",
        ),
        T(
            "Bus timetables are revised once or twice a year, so buses run full at some hours "
            "and nearly empty at others.",
            "Les horaires de bus ne sont revus qu'une ou deux fois par an : les bus sont bondés "
            "à certaines heures et presque vides à d'autres.",
            "公車時刻表一年只調整一兩次，導致某些時段客滿、其他時段幾乎空車。",
        ),
        T(
            "We forecast ridership per line and per hour from ticketing data, weather and "
            "events, and propose timetable changes that planners can simulate before adopting "
            "them.",
            "Nous prévoyons la fréquentation par ligne et par heure à partir de la billettique, "
            "de la météo et des événements, et proposons des ajustements d'horaires que les "
            "planificateurs simulent avant de les adopter.",
            "我們結合票證資料、天氣與活動資訊，預測各路線每小時的搭乘量，並提出可先模擬再採用"
            "的班表調整建議。",
        ),
    ),
    Concept(
        "manufacturing",
        T(
            "Predictive maintenance for machine-tool spindles",
            "La maintenance prédictive des broches de machines-outils",
            "工具機主軸的預測性維護",
        ),
        T(
            "An unplanned spindle failure stops a machining centre for days and eats a large "
            "part of a small workshop's monthly margin; predictive-maintenance suites are "
            "priced for large plants.",
            "Une casse de broche imprévue immobilise un centre d'usinage plusieurs jours et "
            "coûte à un petit atelier une bonne part de sa marge mensuelle ; les suites de "
            "maintenance prédictive sont taillées pour les grands sites.",
            "主軸無預警故障會讓加工中心停機數日，吃掉小型工廠相當比例的月利潤；而完整的預測性"
            "維護系統多以大廠為對象定價。",
        ),
        T(
            "A vibration and temperature sensor kit retrofits onto existing machines in an "
            "hour. Our models learn each spindle's normal signature and warn two to three weeks "
            "before a likely failure.",
            "Un kit de capteurs de vibration et de température s'installe en une heure sur les "
            "machines existantes. Nos modèles apprennent la signature normale de chaque broche "
            "et alertent deux à trois semaines avant une panne probable.",
            "振動與溫度感測套件一小時內即可加裝於既有機台；模型學習每支主軸的正常特徵，在可能"
            "故障前兩到三週發出預警。",
        ),
    ),
    Concept(
        "manufacturing",
        T(
            "A plug-and-play robot cell for small-batch machining",
            "Une cellule robotisée prête à l'emploi pour l'usinage en petites séries",
            "適合少量多樣加工的隨插即用機器手臂工作站",
        ),
        T(
            "Workshops making small batches cannot pay off a custom robot cell, yet they "
            "struggle to hire operators for night shifts.",
            "Les ateliers qui produisent en petites séries ne peuvent pas amortir une cellule "
            "robotisée sur mesure, et peinent pourtant à recruter des opérateurs de nuit.",
            "少量多樣生產的工廠難以負擔客製化機器人工作站，卻又招募不到夜班操作員。",
        ),
        T(
            "A collaborative robot on a mobile base loads and unloads machines; operators teach "
            "it a new part by guiding the arm by hand, with no programming.",
            "Un robot collaboratif sur base mobile charge et décharge les machines ; "
            "l'opérateur lui apprend une nouvelle pièce en guidant le bras à la main, sans "
            "programmation.",
            "裝在移動底座上的協作型機器手臂負責機台上下料，操作員只需手動引導手臂即可教會新零件，"
            "無需撰寫程式。",
        ),
    ),
    Concept(
        "manufacturing",
        T(
            "A digital twin that cuts a factory's energy bill",
            "Un jumeau numérique qui réduit la facture énergétique d'une usine",
            "降低工廠電費的數位分身",
        ),
        T(
            "Factories pay peak electricity prices because compressors, ovens and machines "
            "start at the same time, and nobody sees the whole picture.",
            "Les usines paient l'électricité au prix de pointe parce que compresseurs, fours et "
            "machines démarrent en même temps, sans que personne n'ait une vue d'ensemble.",
            "工廠的空壓機、烘爐與機台常同時啟動，導致必須支付尖峰電價，卻沒有人掌握整體用電情況。",
        ),
        T(
            "Clamp-on meters feed a simulation of the plant that schedules start-ups and loads "
            "to flatten peaks, without changing what the plant produces.",
            "Des compteurs à pince alimentent une simulation de l'usine qui planifie démarrages "
            "et charges pour écrêter les pointes, sans rien changer à la production.",
            "以勾表式電表資料建立工廠模擬模型，排程各設備的啟動與負載以削減尖峰，且不影響產出。",
        ),
    ),
    Concept(
        "manufacturing",
        T(
            "Part-by-part traceability for precision subcontractors",
            "La traçabilité pièce par pièce pour les sous-traitants de précision",
            "精密加工協力廠的單件追溯系統",
        ),
        T(
            "Customers in aerospace and medical devices demand a full history for every part, "
            "and small subcontractors still keep it on paper travellers and spreadsheets.",
            "Les donneurs d'ordre de l'aéronautique et du médical exigent l'historique complet "
            "de chaque pièce, et les petits sous-traitants le tiennent encore sur fiches "
            "suiveuses papier et tableurs.",
            "航太與醫材客戶要求每件零件都有完整履歷，小型協力廠卻仍以紙本流程卡與試算表記錄。",
        ),
        T(
            "Each part gets a laser-marked code; tablets at each station record operator, "
            "machine, program and measurements, and the customer report is generated in one "
            "click.",
            "Chaque pièce reçoit un code marqué au laser ; des tablettes à chaque poste "
            "enregistrent opérateur, machine, programme et mesures, et le rapport client se "
            "génère en un clic.",
            "每件零件以雷射刻上條碼，各工站的平板記錄操作員、機台、程式與量測值，一鍵即可產生"
            "客戶報告。",
        ),
    ),
    Concept(
        "data",
        T(
            "Anonymous footfall data for shop owners and city planners",
            "Des données de fréquentation anonymes pour les commerçants et les urbanistes",
            "提供店家與都市規劃者的匿名人流數據",
        ),
        T(
            "Shop owners and city planners decide opening hours, events and street works "
            "without knowing how many people pass by, when, and where they come from.",
            "Commerçants et urbanistes fixent horaires, animations et travaux sans savoir "
            "combien de personnes passent, à quelle heure, ni d'où elles viennent.",
            "店家與都市規劃者在決定營業時間、活動與道路施工時，並不清楚有多少人經過、何時經過、"
            "從何而來。",
        ),
        T(
            "Privacy-preserving counters aggregate footfall by street and hour; no image or "
            "identifier leaves the device. A simple dashboard compares days, events and "
            "districts.",
            "Des compteurs respectueux de la vie privée agrègent la fréquentation par rue et par "
            "heure ; aucune image ni aucun identifiant ne sort de l'appareil. Un tableau de bord "
            "simple compare jours, événements et quartiers.",
            "兼顧隱私的計數裝置依街道與時段彙整人流，影像與識別資料皆不離開裝置；簡明的儀表板"
            "可比較不同日期、活動與區域。",
        ),
    ),
    Concept(
        "data",
        T(
            "Early warning of supplier risk for manufacturers",
            "L'alerte précoce sur les risques fournisseurs pour les industriels",
            "製造業供應商風險預警",
        ),
        T(
            "Manufacturers learn that a supplier is in trouble when a delivery fails to arrive. "
            "The signals were public, but scattered across registries, news and shipping data.",
            "Les industriels apprennent qu'un fournisseur est en difficulté quand une livraison "
            "n'arrive pas. Les signaux étaient publics, mais dispersés entre registres, presse "
            "et données de transport.",
            "製造商往往在交貨延誤時才知道供應商出了問題；其實相關訊號早已公開，只是散落在登記"
            "資料、新聞與航運數據中。",
        ),
        T(
            "We merge company registries, news in several languages and shipping data into a "
            "risk score per supplier, with alerts and the evidence behind each change.",
            "Nous croisons registres d'entreprises, presse en plusieurs langues et données de "
            "transport pour calculer un score de risque par fournisseur, avec des alertes et les "
            "éléments qui justifient chaque variation.",
            "我們整合公司登記資料、多語新聞與航運數據，為每家供應商計算風險分數，並附上每次變動"
            "的依據與警示。",
        ),
    ),
    Concept(
        "data",
        T(
            "A data exchange that lets city departments share data safely",
            "Une plateforme d'échange pour que les services d'une ville partagent leurs données",
            "讓市府各局處安全共享資料的交換平臺",
        ),
        T(
            "City departments each keep their own data in their own formats; combining "
            "traffic, permits and complaints for one decision takes months of emails.",
            "Chaque service municipal garde ses données dans son propre format ; croiser "
            "circulation, permis et réclamations pour une seule décision prend des mois "
            "d'échanges de courriels.",
            "市府各局處各自以不同格式保存資料，要結合交通、許可與陳情資料做一項決策，往往需要"
            "數月的往返溝通。",
        ),
        T(
            "A catalogue and exchange layer publishes each dataset with its owner, licence and "
            "update rhythm, and gives other departments controlled access through standard "
            "APIs.",
            "Une couche de catalogue et d'échange publie chaque jeu de données avec son "
            "propriétaire, sa licence et son rythme de mise à jour, et ouvre aux autres "
            "services un accès contrôlé par des API standard.",
            "資料目錄與交換層登錄每個資料集的權責單位、授權方式與更新頻率，並以標準 API 提供"
            "其他局處受控存取。",
        ),
    ),
    Concept(
        "data",
        T(
            "Finding leaks in water networks from pressure data",
            "Localiser les fuites des réseaux d'eau à partir des données de pression",
            "以壓力數據找出自來水管網漏水點",
        ),
        T(
            "Water networks lose a significant share of treated water to leaks, and crews "
            "search for them street by street with listening sticks.",
            "Les réseaux d'eau perdent une part importante de l'eau traitée en fuites, que les "
            "équipes cherchent rue par rue à l'écoute.",
            "自來水管網有相當比例的淨水因漏水而流失，搶修人員只能逐街以聽音棒尋找漏點。",
        ),
        T(
            "We analyse the pressure and flow data utilities already collect, with the network "
            "map, to narrow a leak down to a few hundred metres before crews go out.",
            "Nous analysons les données de pression et de débit que les régies collectent déjà, "
            "avec le plan du réseau, pour circonscrire une fuite à quelques centaines de mètres "
            "avant l'intervention.",
            "我們分析自來水單位既有的壓力與流量數據，結合管網圖資，在派員前就將漏點範圍縮小到"
            "數百公尺內。",
        ),
    ),
]

TRACTION = {
    "idea": T(
        "We have interviewed {interviews} potential customers; {letters} of them signed a "
        "letter of intent to test a first version. A mock-up is ready.",
        "Nous avons interrogé {interviews} clients potentiels ; {letters} d'entre eux ont signé "
        "une lettre d'intention pour tester une première version. Une maquette est prête.",
        "我們已訪談 {interviews} 位潛在客戶，其中 {letters} 位簽署意向書，願意試用第一版。"
        "展示原型已完成。",
    ),
    "prototype": T(
        "A working prototype has run for {months} months at {pilots} pilot sites. We are "
        "negotiating a first paid contract with {letters} of them.",
        "Un prototype fonctionne depuis {months} mois sur {pilots} sites pilotes. Nous "
        "négocions un premier contrat payant avec {letters} d'entre eux.",
        "可運作的原型已在 {pilots} 個試點場域運行 {months} 個月，正與其中 {letters} 個洽談"
        "首份付費合約。",
    ),
    "revenue": T(
        "{customers} paying customers and {revenue} of revenue over the last twelve months, "
        "growing about {growth}% a quarter.",
        "{customers} clients payants et {revenue} de chiffre d'affaires sur les douze derniers "
        "mois, en croissance d'environ {growth} % par trimestre.",
        "已有 {customers} 家付費客戶，近十二個月營收 {revenue}，每季成長約 {growth}%。",
    ),
}

# What a team hopes from its stay, by side and theme: Taichung teams go to Toulouse.
GOALS = {
    "taichung": {
        "iot": T(
            "Meet IoT Valley's corporate partners, test our device on a European low-power "
            "network and understand certification for the EU market.",
            "Rencontrer les grands groupes partenaires d'IoT Valley, tester notre objet sur un "
            "réseau bas débit européen et comprendre la certification pour le marché européen.",
            "拜訪 IoT Valley 的企業夥伴，在歐洲低功耗網路上測試我們的裝置，並了解進入歐盟市場"
            "的認證要求。",
        ),
        "ai": T(
            "Find a first European pilot customer through La Cantine's expert network, and "
            "check our data practices against the GDPR with local legal advisers.",
            "Trouver un premier client pilote européen grâce au réseau d'experts de La Cantine, "
            "et vérifier notre traitement des données au regard du RGPD avec des juristes "
            "locaux.",
            "透過 La Cantine 的專家網絡找到第一個歐洲試點客戶，並請在地法律顧問協助檢視我們的"
            "資料處理是否符合 GDPR。",
        ),
        "manufacturing": T(
            "Visit aerospace subcontractors around Toulouse, learn their quality requirements "
            "and find a distributor for the French market.",
            "Visiter des sous-traitants aéronautiques autour de Toulouse, comprendre leurs "
            "exigences qualité et trouver un distributeur pour le marché français.",
            "參訪土魯斯周邊的航太協力廠，了解其品質要求，並尋找法國市場的經銷夥伴。",
        ),
        "data": T(
            "Meet Toulouse Métropole's data teams and Le Village by CA's partners, adapt our "
            "platform to European cities and prepare a seed round.",
            "Rencontrer les équipes données de Toulouse Métropole et les partenaires du Village "
            "by CA, adapter notre plateforme aux villes européennes et préparer une levée "
            "d'amorçage.",
            "與大土魯斯的數據團隊及 Le Village by CA 的合作夥伴會面，調整平臺以符合歐洲城市需求，"
            "並為種子輪募資做準備。",
        ),
    },
    "toulouse": {
        "iot": T(
            "Meet electronics makers in central Taiwan to industrialise our sensor and bring "
            "its cost down.",
            "Rencontrer des fabricants d'électronique du centre de Taïwan pour industrialiser "
            "notre capteur et en réduire le coût.",
            "拜訪中台灣的電子製造商，將我們的感測器量產化並降低成本。",
        ),
        "ai": T(
            "Test our models with Taiwanese partners and learn how to work with the region's "
            "factories and city services.",
            "Tester nos modèles avec des partenaires taïwanais et apprendre à travailler avec "
            "les usines et les services de la ville.",
            "與臺灣夥伴測試我們的模型，了解如何與當地工廠及市府單位合作。",
        ),
        "manufacturing": T(
            "Visit Taichung's machine-tool makers, find a first industrial customer and a "
            "partner for assembly in Asia.",
            "Visiter les fabricants de machines-outils de Taichung, trouver un premier client "
            "industriel et un partenaire d'assemblage en Asie.",
            "參訪臺中的工具機業者，尋找首位工業客戶及亞洲組裝夥伴。",
        ),
        "data": T(
            "Meet Taichung's city departments and local companies to start a first data pilot "
            "in Asia.",
            "Rencontrer les services de la ville de Taichung et des entreprises locales pour "
            "lancer un premier pilote de données en Asie.",
            "與臺中市府各單位及在地企業會面，在亞洲啟動第一個數據試點。",
        ),
    },
}

PARTNER_DETAILS = {
    "taichung": [
        T(
            "We met a French distributor at a trade fair last year. We have sent them samples "
            "and are discussing a pilot with one of their customers.",
            "Nous avons rencontré un distributeur français sur un salon l'an dernier. Nous lui "
            "avons envoyé des échantillons et discutons d'un pilote avec l'un de ses clients.",
            "去年在展覽中認識一家法國經銷商，已寄送樣品，正討論與其客戶合作試點。",
        ),
        T(
            "A research lab in France tested our prototype in a student project; we would like "
            "to turn this into a formal partnership.",
            "Un laboratoire de recherche en France a testé notre prototype dans un projet "
            "étudiant ; nous aimerions en faire un partenariat formel.",
            "法國一所研究實驗室曾以我們的原型進行學生專題測試，希望能發展為正式合作。",
        ),
    ],
    "toulouse": [
        T(
            "We work with a Taiwanese circuit-board maker met at a trade fair; it produces our "
            "small batches.",
            "Nous travaillons avec un fabricant taïwanais de cartes électroniques rencontré sur "
            "un salon ; il produit nos petites séries.",
            "我們與在展覽中認識的一家臺灣電路板廠合作，由其生產小量訂單。",
        ),
        T(
            "A former classmate now based in Taichung introduces us to local manufacturers.",
            "Un ancien camarade d'école installé à Taichung nous présente à des industriels "
            "locaux.",
            "一位在臺中工作的老同學協助我們接觸在地製造商。",
        ),
    ],
}

# Team names: an invented stem and a word for the theme.
TAICHUNG_STEMS = [
    ("藍鵲", "Blue Magpie"),
    ("石虎", "Leopard Cat"),
    ("穿山甲", "Pangolin"),
    ("黑熊", "Black Bear"),
    ("雲豹", "Clouded Leopard"),
    ("帝雉", "Mikado Pheasant"),
    ("八色鳥", "Fairy Pitta"),
    ("螢火蟲", "Firefly"),
    ("綠蠵龜", "Green Turtle"),
    ("白海豚", "White Dolphin"),
    ("山椒魚", "Salamander"),
    ("鳳蝶", "Swallowtail"),
    ("水鹿", "Sambar"),
    ("獼猴", "Macaque"),
    ("飛鼠", "Flying Squirrel"),
    ("烏頭翁", "Bulbul"),
    ("大冠鷲", "Serpent Eagle"),
    ("紫斑蝶", "Crow Butterfly"),
    ("琵鷺", "Spoonbill"),
    ("樹蛙", "Tree Frog"),
    ("鳳梨酥", "Pineapple Cake"),
    ("珍珠奶茶", "Bubble Tea"),
    ("太陽餅", "Sun Cake"),
    ("燈籠", "Lantern"),
    ("風箏", "Kite"),
    ("竹蜻蜓", "Bamboo Copter"),
    ("陀螺", "Spinning Top"),
    ("茶壺", "Teapot"),
    ("算盤", "Abacus"),
    ("羅盤", "Compass"),
    ("紙鶴", "Paper Crane"),
    ("雪山", "Snow Peak"),
    ("溪流", "Brook"),
    ("稻穗", "Rice Ear"),
    ("木棉", "Kapok"),
    ("相思樹", "Acacia"),
    ("月桃", "Shell Ginger"),
    ("油桐花", "Tung Blossom"),
    ("海風", "Sea Breeze"),
    ("晨光", "Morning Light"),
]
TAICHUNG_THEME_WORDS = {
    "iot": ("物聯", "IoT"),
    "ai": ("智能", "AI"),
    "manufacturing": ("智造", "Works"),
    "data": ("數據", "Data"),
}
TOULOUSE_STEMS = [
    "Violette",
    "Brique Rose",
    "Cassoulet",
    "Chocolatine",
    "Tournesol",
    "Pastel",
    "Fénétra",
    "Pigeonnier",
    "Canalet",
    "Cigale",
    "Mistral",
    "Hirondelle",
    "Libellule",
    "Grenadine",
    "Mirabelle",
    "Carillon",
    "Girouette",
    "Boussole",
    "Lanterne",
    "Luciole",
    "Cerf-Volant",
    "Papillon",
    "Mésange",
    "Héron",
    "Loutre",
    "Blaireau",
    "Hérisson",
    "Marmotte",
    "Isard",
    "Gypaète",
    "Desman",
    "Edelweiss",
    "Myrtille",
    "Nougat",
    "Praline",
    "Croquant",
    "Calisson",
    "Madeleine",
    "Brioche",
    "Cornemuse",
]
TOULOUSE_THEME_WORDS = {
    "iot": ("Connect", "Connect"),
    "ai": ("IA", "AI"),
    "manufacturing": ("Industrie", "Industry"),
    "data": ("Data", "Data"),
}

TAICHUNG_SURNAMES = [
    ("陳", "Chen"),
    ("林", "Lin"),
    ("黃", "Huang"),
    ("張", "Chang"),
    ("李", "Lee"),
    ("王", "Wang"),
    ("吳", "Wu"),
    ("劉", "Liu"),
    ("蔡", "Tsai"),
    ("楊", "Yang"),
]
TAICHUNG_GIVEN_NAMES = [
    ("怡君", "Yi-chun"),
    ("志明", "Chih-ming"),
    ("雅婷", "Ya-ting"),
    ("冠宇", "Kuan-yu"),
    ("家豪", "Chia-hao"),
    ("詩涵", "Shih-han"),
    ("宗翰", "Tsung-han"),
    ("佳穎", "Chia-ying"),
    ("承恩", "Cheng-en"),
    ("欣怡", "Hsin-yi"),
    ("柏翰", "Po-han"),
    ("郁婷", "Yu-ting"),
    ("俊傑", "Chun-chieh"),
    ("思妤", "Szu-yu"),
    ("彥廷", "Yen-ting"),
    ("雅雯", "Ya-wen"),
    ("建宏", "Chien-hung"),
    ("佩珊", "Pei-shan"),
    ("冠廷", "Kuan-ting"),
    ("婉婷", "Wan-ting"),
]
TOULOUSE_FIRST_NAMES = [
    "Camille",
    "Lucas",
    "Léa",
    "Hugo",
    "Chloé",
    "Louis",
    "Manon",
    "Arthur",
    "Inès",
    "Jules",
    "Sarah",
    "Nathan",
    "Emma",
    "Théo",
    "Zoé",
    "Maxime",
    "Clara",
    "Antoine",
    "Jade",
    "Paul",
]
TOULOUSE_LAST_NAMES = [
    "Martin",
    "Bernard",
    "Dubois",
    "Laurent",
    "Roux",
    "Fournier",
    "Girard",
    "Fabre",
    "Vidal",
    "Cazals",
]

# Every fifth team writes in English, the others in their city's main language.
ENGLISH_EVERY = 5
# By a team's position: a few stay drafts, one withdraws; the rest are submitted.
DRAFT_POSITIONS = {7, 17, 27, 37}
WITHDRAWN_POSITIONS = {22}
# A few teams forget that the review is blind and name themselves where a reviewer reads
# (review.blind masks the passages and withholds the decks; the managers see them listed).
NAMED_IN_SOLUTION = {1, 11}
NAMED_IN_TRACTION = {3}
NAMED_IN_GOALS = {8}
NAMED_IN_DECK = {5, 13}


@dataclass(frozen=True)
class Team:
    language: str
    name: str
    name_en: str
    organisation: str
    contact_name: str
    contact_phone: str
    theme: str
    tagline_en: str
    state: str
    answers: dict
    # When it was submitted (or last edited, for a draft), as a share of the time the
    # call has been open: the per-day chart gets a launch peak and a late rush.
    progress: float
    has_product_sheet: bool
    deck_names_team: bool

    @property
    def slug(self) -> str:
        return slugify(self.name_en)

    @property
    def email(self) -> str:
        return f"{self.slug}@{TEAM_EMAIL_DOMAIN}"

    def deck_lines(self, title) -> list[str]:
        """The text of the team's PDFs (Latin script: the demo's PDFs use Helvetica)."""
        lines = [self.tagline_en, f"{title} - fictional demo team"]
        return [self.name_en, *lines] if self.deck_names_team else lines


def teams_for(side: str, founded_before: dt.date) -> list[Team]:
    """The same forty teams of `side` at every call, companies founded before that day."""
    rng = random.Random(f"jumelage-demo-{side}")
    concepts = rng.sample(CONCEPTS, len(CONCEPTS))
    return [
        _team(rng, side, position, concepts[position % len(concepts)], founded_before)
        for position in range(TEAMS_PER_SIDE)
    ]


def _team(rng, side, position, concept, founded_before) -> Team:
    english = position % ENGLISH_EVERY == ENGLISH_EVERY - 1
    language = "en" if english else ("zh-hant" if side == "taichung" else "fr")
    name, name_en, organisation = _names(side, position, concept.theme, language)
    state = _state(position)
    answers = _answers(rng, side, concept, language, name_en, founded_before)
    contact_name = _contact_name(side, position, language)
    answers |= _named(position, answers, name, contact_name, language)
    if state == ApplicationState.DRAFT:
        answers = {key: answers[key] for key in ("tagline", "problem", "stage", "team_size")}
    return Team(
        language=language,
        name=name,
        name_en=name_en,
        organisation=organisation,
        contact_name=contact_name,
        contact_phone=_phone(side, position),
        theme=concept.theme,
        tagline_en=concept.tagline.en,
        state=state,
        answers=answers,
        progress=_progress(rng),
        has_product_sheet=state != ApplicationState.DRAFT and rng.random() < 0.5,
        deck_names_team=position in NAMED_IN_DECK,
    )


def _named(position, answers, name, contact_name, language) -> dict:
    """The answers a team that forgot the review is blind writes with its own names in."""
    named = {}
    if position in NAMED_IN_SOLUTION:
        opening = {"fr": "Chez {}, ", "en": "At {}, ", "zh-hant": "{}團隊："}[language]
        solution = answers["solution"]
        named["solution"] = opening.format(name) + solution[0].lower() + solution[1:]
    if position in NAMED_IN_TRACTION:
        # Capitals and no accents: the check still finds the name.
        shouted = "".join(
            c for c in unicodedata.normalize("NFKD", name.upper()) if not unicodedata.combining(c)
        )
        named["traction"] = f"{answers['traction']} {shouted}: {answers['website']}/press"
    if position in NAMED_IN_GOALS:
        named["exchange_goals"] = f"{answers['exchange_goals']} ({contact_name})"
    return named


def _state(position) -> str:
    if position in DRAFT_POSITIONS:
        return ApplicationState.DRAFT
    if position in WITHDRAWN_POSITIONS:
        return ApplicationState.WITHDRAWN
    return ApplicationState.SUBMITTED


def _names(side, position, theme, language) -> tuple[str, str, str]:
    """Team name in its language, its English name, and its fictional organisation."""
    if side == "taichung":
        stem_zh, stem_en = TAICHUNG_STEMS[position]
        word_zh, word_en = TAICHUNG_THEME_WORDS[theme]
        name_en = f"{stem_en} {word_en}"
        if language == "en":
            return name_en, name_en, f"{name_en} Co., Ltd. (fictional)"
        return f"{stem_zh}{word_zh}", name_en, f"{stem_zh}{word_zh}科技股份有限公司（虛構）"
    stem = TOULOUSE_STEMS[position]
    word_fr, word_en = TOULOUSE_THEME_WORDS[theme]
    if language == "en":
        name = f"{stem} {word_en}"
        return name, name, f"{name} SAS (fictional)"
    name = f"{stem} {word_fr}"
    return name, name, f"{name} SAS (fictif)"


def _contact_name(side, position, language) -> str:
    # Four teams share each surname; this spreads their given names apart.
    given = (position + 15 * (position // 10)) % 20
    if side == "toulouse":
        return f"{TOULOUSE_FIRST_NAMES[given]} {TOULOUSE_LAST_NAMES[position % 10]}"
    surname_zh, surname_en = TAICHUNG_SURNAMES[position % 10]
    given_zh, given_en = TAICHUNG_GIVEN_NAMES[given]
    return f"{surname_en} {given_en}" if language == "en" else f"{surname_zh}{given_zh}"


def _phone(side, position) -> str:
    # French numbers from the range reserved for fiction; Taiwanese ones that cannot exist.
    if side == "toulouse":
        return f"+33 5 36 49 {position // 10:02d} {position % 100:02d}"
    return f"+886 4 0000 {position:04d}"


def _answers(rng, side, concept, language, name_en, founded_before) -> dict:
    stage = rng.choices(["idea", "prototype", "revenue"], weights=[2, 5, 4])[0]
    slug = slugify(name_en)
    has_partner = rng.random() < 0.3
    answers = {
        "tagline": pick(concept.tagline, language),
        "problem": pick(concept.problem, language),
        "solution": pick(concept.solution, language),
        "traction": _traction(rng, side, stage, language),
        "stage": stage,
        "team_size": str(_team_size(rng, stage)),
        "website": f"https://{slug}.example",
        "tech_contact": f"tech@{slug}.example",
        "markets": _markets(rng, side),
        "exchange_goals": pick(GOALS[side][concept.theme], language),
        "has_partner": "yes" if has_partner else "no",
    }
    if stage != "idea":
        answers["founded_on"] = (
            founded_before - dt.timedelta(days=rng.randint(120, 2200))
        ).isoformat()
    if has_partner:
        answers["partner_details"] = pick(rng.choice(PARTNER_DETAILS[side]), language)
    return answers


def _team_size(rng, stage) -> int:
    low, high = {"idea": (1, 4), "prototype": (2, 9), "revenue": (4, 22)}[stage]
    return rng.randint(low, high)


def _traction(rng, side, stage, language) -> str:
    figures = {
        "interviews": rng.randint(12, 60),
        "letters": rng.randint(2, 5),
        "months": rng.randint(3, 14),
        "pilots": rng.randint(3, 8),
        "customers": rng.randint(4, 40),
        "growth": rng.randint(8, 35),
        "revenue": _money(side, rng.randint(3, 90) * 10_000, language),
    }
    return pick(TRACTION[stage], language).format(**figures)


def _money(side, euros, language) -> str:
    # Roughly 35 TWD to the euro, so both sides' teams are of a similar size.
    if side == "taichung":
        amount = euros * 35
        if language == "zh-hant":
            return f"新臺幣 {amount // 10_000:,} 萬元"
        return f"NT${amount:,}"
    if language == "fr":
        return f"{euros:,} €".replace(",", "\u202f")
    return f"€{euros:,}"


def _markets(rng, side) -> list[str]:
    home, partner = ("taiwan", "france") if side == "taichung" else ("france", "taiwan")
    others = ["japan-korea", "southeast-asia", "europe", "north-america"]
    return [home, partner, *rng.sample(others, rng.randint(0, 2))]


def _progress(rng) -> float:
    shape = rng.random()
    if shape < 0.25:
        return rng.uniform(0, 0.12)
    if shape < 0.4:
        return rng.uniform(0.45, 0.55)
    return rng.triangular(0, 1, 1)
