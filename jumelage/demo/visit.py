"""The finished cycle's exchange, as the programme lived it: each selected team confirmed
its place, each city sent a delegation (its head of delegation and its two teams) with
flights, a hotel, an itinerary and a briefing pack the teams acknowledged, and each team was
placed with one of the host city's offers.

People and places go through exchange.services (who may do what is checked there); flights,
hotels and itinerary lines are plain rows, as a manager's forms write them. Loading twice
changes nothing: a cycle that has delegations is left as it is."""

import datetime as dt
import zoneinfo
from decimal import Decimal

from jumelage.calls.models import Application
from jumelage.demo.common import translated
from jumelage.demo.data import T
from jumelage.demo.teams import teams_for
from jumelage.exchange import services
from jumelage.exchange.enums import DayPeriod, LegMode, TravellerRole
from jumelage.exchange.models import (
    BriefingPack,
    Delegation,
    ItineraryItem,
    Residency,
    Stay,
    TravelLeg,
    Traveller,
)
from jumelage.exchange.queries import selected_teams
from jumelage.hosting.models import HostingOffer
from jumelage.partnerships.enums import StageKind
from jumelage.selection import services as selection
from jumelage.selection.enums import PlaceState
from jumelage.selection.models import Place

CITY = {
    "taichung": T("Taichung", "Taichung", "臺中"),
    "toulouse": T("Toulouse", "Toulouse", "土魯斯"),
}
TITLE = T("{city} delegation, {year}", "Délégation de {city}, {year}", "{year} 年{city}代表團")

# Per sending side: (carrier, number out, airport out, number back), the hotel near the host.
FLIGHTS = {
    "taichung": ("EVA Air", "BR 87", "Taoyuan (TPE)", "BR 88", "Toulouse-Blagnac (TLS)"),
    "toulouse": ("Air France", "AF 1382", "Toulouse-Blagnac (TLS)", "AF 1383", "Taoyuan (TPE)"),
}
FARE = {"taichung": ("TWD", "46000"), "toulouse": ("EUR", "1240")}
HOTEL = {
    "taichung": ("Hôtel des Arts, Toulouse", "1 bis rue Cantegril, 31000 Toulouse", "EUR", "95"),
    "toulouse": ("Hotel One Taichung", "臺中市西區英才路 532 號", "TWD", "3600"),
}

# (day of the visit, time or period, activity, place, the host's slug or "residency")
PROGRAMME = {
    "taichung": [
        (
            1,
            dt.time(10, 0),
            T(
                "Welcome at Toulouse Métropole",
                "Accueil à Toulouse Métropole",
                "大土魯斯都會區歡迎會",
            ),
            T("Toulouse City Hall", "Capitole de Toulouse", "土魯斯市政廳"),
            None,
        ),
        (
            1,
            DayPeriod.AFTERNOON,
            T("First day at the host incubator", "Premier jour chez l'hôte", "進駐育成單位第一天"),
            None,
            "residency",
        ),
        (
            3,
            DayPeriod.MORNING,
            T(
                "La Cantine: the four-stage programme, then business meetings",
                "La Cantine : le programme en quatre étapes, puis rendez-vous d'affaires",
                "La Cantine：四階段輔導介紹與商務媒合",
            ),
            T("La Cantine", "La Cantine", "La Cantine"),
            "la-cantine",
        ),
        (
            4,
            DayPeriod.MORNING,
            T(
                "IoT Valley: its industrial partners, then business meetings",
                "IoT Valley : ses partenaires industriels, puis rendez-vous d'affaires",
                "IoT Valley：產業夥伴介紹與商務媒合",
            ),
            T("IoT Valley, Labège", "IoT Valley, Labège", "IoT Valley（拉貝日）"),
            "iot-valley",
        ),
        (
            5,
            DayPeriod.AFTERNOON,
            T(
                "Legal clinic: setting up in France",
                "Permanence juridique : s'implanter en France",
                "法律諮詢：在法國設立據點",
            ),
            T("Le Village by CA", "Le Village by CA", "Le Village by CA"),
            "village-by-ca",
        ),
        (
            8,
            DayPeriod.AFTERNOON,
            T("Demo day and farewell", "Démo et au revoir", "成果發表與惜別會"),
            T("AT HOME", "AT HOME", "AT HOME"),
            "at-home",
        ),
    ],
    "toulouse": [
        (
            1,
            dt.time(10, 0),
            T(
                "Welcome by the Economic Development Bureau",
                "Accueil au Bureau du développement économique",
                "經濟發展局歡迎會",
            ),
            T("Taichung City Hall", "Hôtel de ville de Taichung", "臺中市政府"),
            None,
        ),
        (
            1,
            DayPeriod.AFTERNOON,
            T("First day at the host", "Premier jour chez l'hôte", "進駐育成單位第一天"),
            None,
            "residency",
        ),
        (
            3,
            DayPeriod.MORNING,
            T(
                "Visit of the precision machinery cluster",
                "Visite du pôle de machines de précision",
                "參訪精密機械聚落",
            ),
            T("Dadu machinery lab", "Atelier de machines de Dadu", "大肚機械實驗室"),
            "dadu-machinery-lab",
        ),
        (
            5,
            DayPeriod.AFTERNOON,
            T("Investor evening", "Soirée investisseurs", "投資人交流晚會"),
            T("Calyx Ventures", "Calyx Ventures", "Calyx Ventures"),
            "calyx-ventures",
        ),
        (
            8,
            DayPeriod.AFTERNOON,
            T("Demo day and farewell", "Démo et au revoir", "成果發表與惜別會"),
            T("Youth startup base", "Base des jeunes entrepreneurs", "青年創業基地"),
            "youth-startup-base",
        ),
    ],
}
VISIT_DAYS = 10

BRIEFING = {
    "taichung": {
        "introduction": T(
            "Ten days in Toulouse: each team works from its host incubator and meets "
            "corporates, investors and lawyers at two matchmaking mornings.",
            "Dix jours à Toulouse : chaque équipe travaille chez son incubateur hôte et "
            "rencontre grands groupes, investisseurs et avocats lors de deux matinées de "
            "rendez-vous d'affaires.",
            "土魯斯十日：各團隊進駐接待育成單位，並於兩場商務媒合會與大型企業、投資人及律師會面。",
        ),
        "visa": T(
            "Taiwanese passports enter the Schengen area without a visa for 90 days.",
            "Les passeports taïwanais entrent sans visa dans l'espace Schengen pour 90 jours.",
            "持中華民國護照免簽證進入申根區 90 天。",
        ),
        "insurance": T(
            "Travel insurance with medical cover of at least €30,000 is required.",
            "Une assurance voyage couvrant au moins 30 000 € de frais médicaux est exigée.",
            "須投保醫療保額至少 3 萬歐元之旅遊平安保險。",
        ),
        "money": T(
            "Euros; cards are taken almost everywhere, tap to pay on the metro.",
            "Euros ; la carte est acceptée presque partout, y compris dans le métro.",
            "使用歐元；幾乎各處皆可刷卡，地鐵亦可感應支付。",
        ),
        "emergency": T(
            "112 (Europe), 15 (ambulance), 17 (police); Taipei Representative Office in "
            "France: +33 1 44 39 88 30.",
            "112 (Europe), 15 (SAMU), 17 (police) ; Bureau de représentation de Taipei en "
            "France : +33 1 44 39 88 30.",
            "112（歐洲）、15（救護車）、17（警察）；駐法國臺北代表處：+33 1 44 39 88 30。",
        ),
        "addresses": T(
            "La Cantine, 27 rue d'Aubuisson, Toulouse; IoT Valley, Labège.",
            "La Cantine, 27 rue d'Aubuisson, Toulouse ; IoT Valley, Labège.",
            "La Cantine：土魯斯 27 rue d'Aubuisson；IoT Valley：拉貝日。",
        ),
        "meeting_place": "臺中市政府經濟發展局 301 會議室",
    },
    "toulouse": {
        "introduction": T(
            "Ten days in Taichung: each team works from its host and meets the precision "
            "machinery and smart-city ecosystem.",
            "Dix jours à Taichung : chaque équipe travaille chez son hôte et rencontre "
            "l'écosystème de la machine de précision et de la ville intelligente.",
            "臺中十日：各團隊進駐接待單位，認識精密機械與智慧城市生態系。",
        ),
        "visa": T(
            "French passports enter Taiwan without a visa for 90 days.",
            "Les passeports français entrent à Taïwan sans visa pour 90 jours.",
            "持法國護照免簽證入境臺灣 90 天。",
        ),
        "insurance": T(
            "Travel insurance with medical cover is required; keep the certificate.",
            "Une assurance voyage avec frais médicaux est exigée ; gardez l'attestation.",
            "須投保含醫療之旅遊保險，並隨身攜帶保單證明。",
        ),
        "money": T(
            "New Taiwan dollars (TWD); an EasyCard pays the bus, metro and shops.",
            "Dollars taïwanais (TWD) ; une carte EasyCard paie bus, métro et commerces.",
            "使用新臺幣；悠遊卡可搭公車、捷運及於商店付款。",
        ),
        "emergency": T(
            "119 (fire, ambulance), 110 (police); French Office in Taipei: +886 2 3518 5151.",
            "119 (pompiers, ambulance), 110 (police) ; Bureau français de Taipei : "
            "+886 2 3518 5151.",
            "119（消防、救護）、110（警察）；法國在臺協會：+886 2 3518 5151。",
        ),
        "addresses": T(
            "Taichung City Hall, 99 Taizhonggang Road Sec. 3, Xitun District.",
            "Hôtel de ville de Taichung, 99 Taizhonggang Road Sec. 3, district de Xitun.",
            "臺中市政府：西屯區臺灣大道三段 99 號。",
        ),
        "meeting_place": "Toulouse Métropole, 6 rue René Leduc, salle B",
    },
}


def load(cycle) -> None:
    """The exchange of `cycle`, whose selection was announced; see the module's docstring."""
    if cycle.delegations.exists():
        return
    exchange = cycle.stages.get(kind=StageKind.EXCHANGE)
    briefing = cycle.stages.get(kind=StageKind.BRIEFING)
    _confirm_places(cycle)
    for side in cycle.partnership.sides.order_by("pk"):
        manager = selection.managers_of(side).order_by("pk").first()
        host_side = selection.partner_of(side)
        teams = list(selected_teams(cycle).filter(call__side=side).order_by("pk"))
        delegation = _delegation(manager, cycle, side, host_side, exchange.starts_on)
        travellers = _travellers(manager, delegation, teams)
        _travel(delegation, side, travellers)
        _residencies(manager, cycle, host_side, teams, delegation)
        _itinerary(delegation, side, host_side, travellers)
        _briefing(manager, delegation, side, travellers, briefing.starts_on + dt.timedelta(14))


def _confirm_places(cycle) -> None:
    """Every team offered a place took it, as the applicant would on its place page."""
    offered = Place.objects.filter(application__call__cycle=cycle, state=PlaceState.OFFERED)
    for place in offered.select_related("application__applicant"):
        selection.confirm_place(place.application.applicant, place.pk)


def _delegation(manager, cycle, side, host_side, leaves_on) -> Delegation:
    titles = T(*(TITLE[i].format(city=CITY[side.slug][i], year=cycle.name) for i in range(3)))
    delegation = Delegation(
        slug=f"{side.slug}-{cycle.slug}",
        side=side,
        host_side=host_side,
        cycle=cycle,
        starts_on=leaves_on,
        ends_on=leaves_on + dt.timedelta(days=VISIT_DAYS),
        **translated("title", titles),
    )
    return services.save_delegation(manager, delegation)


def _travellers(manager, delegation, teams: list[Application]) -> list[Traveller]:
    head = Traveller(
        delegation=delegation,
        order=1,
        role=TravellerRole.HEAD,
        email=manager.email,
        **translated("name", T(manager.full_name, manager.full_name, manager.full_name)),
        **translated("unit", _organisation(delegation.side)),
        **translated("title", T("Programme manager", "Responsable du programme", "計畫經理")),
    )
    travellers = [services.save_traveller(manager, head)]
    for order, team in enumerate(teams, start=2):
        member = Traveller(
            delegation=delegation,
            order=order,
            role=TravellerRole.TEAM_MEMBER,
            email=team.applicant.email,
            application=team,
            **translated("name", T(team.contact_name, team.contact_name, team.contact_name)),
            **translated("unit", _team_names(team)),
            **translated("title", T("Founder", "Fondateur·rice", "創辦人")),
        )
        travellers.append(services.save_traveller(manager, member))
    return travellers


def _travel(delegation, side, travellers) -> None:
    carrier, out, home_airport, back, away_airport = FLIGHTS[side.slug]
    home, away = side.timezone, selection.partner_of(side).timezone
    currency, fare = FARE[side.slug]
    legs = [
        (out, home_airport, delegation.starts_on, home, away_airport, away),
        (back, away_airport, delegation.ends_on, away, home_airport, home),
    ]
    for number, origin, day, departure_zone, destination, arrival_zone in legs:
        departs = dt.datetime.combine(day, dt.time(9, 30), tzinfo=zoneinfo.ZoneInfo(departure_zone))
        leg = TravelLeg.objects.create(
            delegation=delegation,
            mode=LegMode.FLIGHT,
            carrier=carrier,
            number=number,
            origin=origin,
            departs_at=departs,
            departure_timezone=departure_zone,
            destination=destination,
            arrives_at=departs + dt.timedelta(hours=17),
            arrival_timezone=arrival_zone,
            estimate=Decimal(fare) * len(travellers),
            actual=Decimal(fare) * len(travellers),
            currency=currency,
        )
        leg.travellers.set(travellers)
    hotel, address, hotel_currency, night = HOTEL[side.slug]
    nights = VISIT_DAYS - 1
    stay = Stay.objects.create(
        delegation=delegation,
        hotel=hotel,
        address=address,
        check_in=delegation.starts_on + dt.timedelta(days=1),
        check_out=delegation.ends_on,
        estimate=Decimal(night) * nights * len(travellers),
        actual=Decimal(night) * nights * len(travellers),
        currency=hotel_currency,
    )
    stay.travellers.set(travellers)


def _team_names(application) -> T:
    """The team's own name, and its English one for readers of the other languages."""
    side = application.call.side.slug
    opens = application.call.opens_at.date()
    team = next(t for t in teams_for(side, opens) if t.email == application.applicant.email)
    own = application.team_name
    french = own if side == "toulouse" else team.name_en
    chinese = own if side == "taichung" else team.name_en
    return T(team.name_en, french, chinese)


def _organisation(side) -> T:
    return T(side.organisation_en, side.organisation_fr, side.organisation_zh_hant)


def _residencies(manager, cycle, host_side, teams, delegation) -> None:
    """Each team with the host side's first offers that still have room, for the visit."""
    offers = list(
        HostingOffer.objects.filter(cycle=cycle, organisation__side=host_side).order_by("pk")
    )
    for team, offer in zip(teams, offers, strict=False):
        starts_on = max(offer.starts_on, delegation.starts_on + dt.timedelta(days=1))
        ends_on = min(offer.ends_on, delegation.ends_on - dt.timedelta(days=1))
        residency = services.assign_residency(
            manager, Residency(offer=offer, application=team, starts_on=starts_on, ends_on=ends_on)
        )
        services.record_services(manager, residency, list(offer.services)[:3])


def _itinerary(delegation, side, host_side, travellers) -> None:
    hosts = {o.slug: o for o in host_side.organisations.all()}
    teams = [t for t in travellers if t.application_id]
    residencies = {
        r.application_id: r.offer.organisation
        for r in Residency.objects.filter(offer__cycle=delegation.cycle).select_related(
            "offer__organisation"
        )
    }
    for day, when, activity, place, host in PROGRAMME[side.slug]:
        exact = isinstance(when, dt.time)
        common = {
            "delegation": delegation,
            "day": delegation.starts_on + dt.timedelta(days=day),
            "starts_at": when if exact else None,
            "period": "" if exact else when,
            "timezone": host_side.timezone,
        }
        if host == "residency":
            for team in teams:
                organisation = residencies.get(team.application_id)
                name = organisation.name_en if organisation else ""
                item = ItineraryItem.objects.create(
                    organisation=organisation,
                    **common,
                    **translated("activity", activity),
                    **translated("place", T(name, name, name)),
                )
                item.attendees.set([team])
            continue
        item = ItineraryItem.objects.create(
            organisation=hosts.get(host),
            **common,
            **translated("activity", activity),
            **translated("place", place),
        )
        item.attendees.set(travellers)


def _briefing(manager, delegation, side, travellers, meeting_day) -> None:
    texts = BRIEFING[side.slug]
    pack = BriefingPack(
        delegation=delegation,
        meeting_at=dt.datetime.combine(
            meeting_day, dt.time(14, 0), tzinfo=zoneinfo.ZoneInfo(side.timezone)
        ),
        meeting_place=texts["meeting_place"],
        **{
            name: value
            for field, text in texts.items()
            if field != "meeting_place"
            for name, value in translated(field, text).items()
        },
    )
    pack = services.save_briefing(manager, pack)
    for traveller in travellers:
        if traveller.user_id and traveller.role == TravellerRole.TEAM_MEMBER:
            services.acknowledge(traveller.user, pack)
    services.record_attendance(manager, pack, {t.pk for t in travellers})
