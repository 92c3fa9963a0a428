"""The demo's committees: in the earlier cycle, every application reviewed, so a newcomer
sees a ranked list at once; in the current one, set up and waiting for the call to close.

Assignments and reviews go through the review services, as managers and reviewers would."""

import random

from django.utils import timezone

from jumelage.demo.common import ensure_users, translated
from jumelage.demo.data import T
from jumelage.partnerships.enums import ThemeState
from jumelage.review import services
from jumelage.review.models import Committee, Criterion, Member

CRITERIA = [
    {
        "name": T("Team", "Équipe", "團隊"),
        "weight": 2,
        "guidance": T(
            "1: one founder, key skills missing\n3: complete team, little experience\n"
            "5: complete, experienced team that has shipped before",
            "1 : un fondateur, compétences clés manquantes\n3 : équipe complète, peu "
            "d’expérience\n5 : équipe complète et expérimentée, qui a déjà livré",
            "1：單一創辦人，缺乏關鍵能力\n3：團隊完整但經驗尚淺\n5：團隊完整且經驗豐富，曾有產品上市",
        ),
    },
    {
        "name": T("Innovation", "Innovation", "創新性"),
        "weight": 1.5,
        "guidance": T(
            "1: a known solution\n3: a real improvement\n5: a new approach, protected",
            "1 : solution connue\n3 : réelle amélioration\n5 : approche nouvelle et protégée",
            "1：已知解決方案\n3：具體改良\n5：全新且受保護的方法",
        ),
    },
    {
        "name": T("Market and traction", "Marché et traction", "市場與成長動能"),
        "weight": 1.5,
        "guidance": T(
            "1: no customer yet\n3: pilots under way\n5: paying customers abroad",
            "1 : aucun client\n3 : pilotes en cours\n5 : clients payants à l’étranger",
            "1：尚無客戶\n3：試點進行中\n5：已有海外付費客戶",
        ),
    },
    {
        "name": T("Fit with the exchange", "Adéquation avec l’échange", "與交流計畫的契合度"),
        "weight": 1,
        "guidance": T(
            "1: nothing to gain in the partner city\n5: a clear plan with named partners there",
            "1 : rien à gagner dans la ville partenaire\n5 : un plan clair, partenaires nommés",
            "1：在夥伴城市無明顯收穫\n5：有明確計畫與具名合作夥伴",
        ),
    },
]

REVIEWERS = {
    "taichung": [
        ("reviewer@taichung.demo", "陳志明", "zh-hant", "chair", "Taichung Industrial Park"),
        ("reviewer2@taichung.demo", "黃淑芬", "zh-hant", "reviewer", "Central Taiwan Angels"),
        ("reviewer3@taichung.demo", "Kevin Liu", "en", "reviewer", "Precision Machinery Lab"),
        ("reviewer4@taichung.demo", "王怡君", "zh-hant", "reviewer", "Taichung City Government"),
    ],
    "toulouse": [
        ("reviewer@toulouse.demo", "Nathalie Roux", "fr", "chair", "Toulouse Métropole"),
        ("reviewer2@toulouse.demo", "Julien Fabre", "fr", "reviewer", "Occitanie Invest"),
        ("reviewer3@toulouse.demo", "Sarah Benali", "en", "reviewer", "Aerospace Valley"),
        ("reviewer4@toulouse.demo", "Marc Delmas", "fr", "reviewer", "IoT Valley"),
    ],
}

COMMENTS = {
    "en": ["Strong team, the market needs proof.", "Clear plan for the partner city.", "Early."],
    "fr": ["Équipe solide, le marché reste à prouver.", "Plan clair pour la ville partenaire."],
    "zh-hant": ["團隊扎實，市場仍待驗證。", "對夥伴城市有明確規劃。", "尚屬早期。"],
}

# Toulouse's committee reviews blind; Taichung's sees the teams.
BLIND = {"taichung": False, "toulouse": True}


def reviewer_logins() -> list[tuple[str, str, str]]:
    rows = [
        (
            f"Committee chair, {side.title()}",
            specs[0][0],
            "The mid-review cycle's queue: reviews left to write",
        )
        for side, specs in REVIEWERS.items()
    ]
    email, name, *_rest = REVIEWERS["toulouse"][1]
    rows.append((f"Blind reviewer, Toulouse ({name})", email, "Reviews without the teams' names"))
    return rows


def load_committees(cycle, sides, managers, password, reviewed=False, share=1.0) -> None:
    """A committee per side with its criteria and members; with `reviewed`, every
    application assigned and `share` of each member's queue scored (the calls must have
    closed): below 1, the committee is mid-review, its chair with work left to do."""
    for side_slug, side in sides.items():
        committee, created = Committee.objects.get_or_create(
            cycle=cycle,
            side=side,
            defaults={"blind": BLIND[side_slug], "reviews_per_application": 3, "max_load": 30},
        )
        if not created:
            continue
        _criteria(committee)
        _seat_reviewers(committee, password)
        if reviewed:
            _review(committee, managers[side_slug], share)


def _criteria(committee) -> None:
    for order, spec in enumerate(CRITERIA, start=1):
        Criterion.objects.create(
            committee=committee,
            order=order * 10,
            weight=spec["weight"],
            **translated("name", spec["name"]),
            **translated("guidance", spec["guidance"]),
        )


def _seat_reviewers(committee, password) -> None:
    specs = REVIEWERS[committee.side.slug]
    accounts = [{"email": e, "full_name": n, "language": lang} for e, n, lang, _r, _o in specs]
    users = ensure_users(accounts, password)
    themes = list(committee.cycle.themes.filter(state=ThemeState.AGREED).order_by("pk"))
    for position, (email, name, language, role, organisation) in enumerate(specs):
        member = Member.objects.create(
            committee=committee,
            email=email,
            name=name,
            language=language,
            role=role,
            organisation=organisation,
            user=users[email],
            joined_at=timezone.now(),
        )
        member.themes.set(themes[position % len(themes) :][:2])


def _review(committee, manager, share) -> None:
    """Assign automatically, then each member scores: the team's quality, plus the member's
    leniency, plus noise, so the ranking has a clear top and a few disagreements. Below a
    full `share`, each member submits the first part of their queue (the chair a little
    less) and keeps one more review as a draft."""
    services.auto_assign(manager, committee)
    criteria = list(committee.criteria.all())
    members = committee.members.select_related("user").prefetch_related(
        "assignments__application__call"
    )
    for member in members:
        rng = random.Random(f"demo-review-{member.email}")
        leniency = rng.choice([-1, 0, 0, 1])
        comments = COMMENTS.get(member.language, COMMENTS["en"])
        assignments = sorted(member.assignments.all(), key=lambda a: a.application_id)
        done = len(assignments)
        if share < 1:
            # Each member works through the queue in their own order: few are unread by all.
            random.Random(f"demo-order-{member.email}").shuffle(assignments)
            done = int(len(assignments) * (share - 0.25 * (member.role == "chair")))
        for position, assignment in enumerate(assignments[: done + (share < 1)]):
            data = {
                "scores": _scores(assignment.application, criteria, leniency, rng),
                "answers": {},
                "comment": rng.choice(comments),
                "comment_for_applicant": "",
            }
            submit = position < done
            services.save_review(member.user, member, assignment.application, data, submit=submit)


def _scores(application, criteria, leniency, rng) -> dict:
    quality = random.Random(f"demo-quality-{application.team_name}").uniform(1.5, 4.8)
    return {
        str(c.pk): _clamp(round(quality + 0.6 * leniency + rng.gauss(0, 0.6)), c) for c in criteria
    }


def _clamp(score, criterion) -> int:
    return max(criterion.scale_min, min(criterion.scale_max, score))
