"""The messages of the cross-selection, in every language; loaded into the notifications'
templates by a data migration (selection/migrations), editable by managers afterwards.

Decisions go to applicants: {{ name }}, {{ team }}, {{ reference }}, {{ cycle }}, {{ side }}
(the city they applied to), {{ host }} (the city that picked), {{ deadline }} and {{ link }}.
The others go to managers: {{ name }}, {{ cycle }}, {{ side }} (the nominating city),
{{ partner }} (the picking city), {{ link }}, and {{ count }}, {{ reason }}, {{ team }} or
{{ promoted }} where they apply.
"""

from django.utils.translation import gettext_noop

TEMPLATES = {
    "decision-selected": {
        "description": gettext_noop(
            "To an applicant selected by the partner city: confirm the place."
        ),
        "subject": {
            "en": "You are selected: startup exchange {{ cycle }} in {{ host }}",
            "fr": "Vous êtes sélectionnés : échange de startups {{ cycle }} à {{ host }}",
            "zh-hant": "恭喜入選：{{ cycle }} 年度新創交流計畫（{{ host }}）",
        },
        "body": {
            "en": "Hello {{ name }},\n\nCongratulations: {{ host }} has selected {{ team }} "
            "(reference {{ reference }}) for the {{ cycle }} startup exchange, on the "
            "nomination of {{ side }}.\n\nPlease confirm or decline your place by "
            "{{ deadline }}:\n{{ link }}\n\nIf you do not answer by then, the place may go to "
            "a team on the reserve list.",
            "fr": "Bonjour {{ name }},\n\nFélicitations : {{ host }} a sélectionné {{ team }} "
            "(référence {{ reference }}) pour l’échange de startups {{ cycle }}, sur "
            "proposition de {{ side }}.\n\nMerci de confirmer ou de décliner votre place "
            "avant le {{ deadline }} :\n{{ link }}\n\nSans réponse à cette date, la place peut "
            "revenir à une équipe de la liste de réserve.",
            "zh-hant": "{{ name }} 您好：\n\n恭喜！經{{ side }}推薦，{{ host }}選定 {{ team }}"
            "（編號 {{ reference }}）參加 {{ cycle }} 年度新創交流計畫。\n\n"
            "請於 {{ deadline }} 前確認或婉拒您的名額：\n{{ link }}\n\n"
            "逾期未回覆，名額可能轉給備取團隊。",
        },
    },
    "decision-reserve": {
        "description": gettext_noop("To an applicant the partner city keeps in reserve."),
        "subject": {
            "en": "On the reserve list: startup exchange {{ cycle }}",
            "fr": "Sur la liste de réserve : échange de startups {{ cycle }}",
            "zh-hant": "列入備取：{{ cycle }} 年度新創交流計畫",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ host }} has placed {{ team }} (reference "
            "{{ reference }}) on its reserve list for the {{ cycle }} startup exchange. If a "
            "selected team declines its place, we will offer it to you and write to you "
            "again.\n\nThe selected teams: {{ link }}",
            "fr": "Bonjour {{ name }},\n\n{{ host }} a placé {{ team }} (référence "
            "{{ reference }}) sur sa liste de réserve pour l’échange de startups {{ cycle }}. "
            "Si une équipe sélectionnée décline sa place, nous vous la proposerons et vous "
            "écrirons de nouveau.\n\nLes équipes sélectionnées : {{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n{{ host }}已將 {{ team }}（編號 {{ reference }}）"
            "列入 {{ cycle }} 年度新創交流計畫的備取名單。若有正取團隊婉拒名額，"
            "我們將通知您遞補。\n\n入選名單：{{ link }}",
        },
    },
    "decision-not-selected": {
        "description": gettext_noop("To an applicant who was not selected this year."),
        "subject": {
            "en": "Your application to the startup exchange {{ cycle }}",
            "fr": "Votre candidature à l’échange de startups {{ cycle }}",
            "zh-hant": "關於您申請 {{ cycle }} 年度新創交流計畫",
        },
        "body": {
            "en": "Hello {{ name }},\n\nThank you for the application of {{ team }} "
            "(reference {{ reference }}). After the committee's review and the partner city's "
            "choice, it was not selected for the {{ cycle }} exchange. We hope to read you "
            "again in the next call.\n\nThe selected teams: {{ link }}",
            "fr": "Bonjour {{ name }},\n\nMerci pour la candidature de {{ team }} "
            "(référence {{ reference }}). Après l’examen du comité et le choix de la ville "
            "partenaire, elle n’a pas été retenue pour l’échange {{ cycle }}. Nous espérons "
            "vous lire à nouveau lors du prochain appel.\n\nLes équipes sélectionnées : "
            "{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n感謝 {{ team }}（編號 {{ reference }}）的申請。"
            "經評選委員會審查及夥伴城市選擇，本次未能入選 {{ cycle }} 年度交流。"
            "期待在下一次徵件再次收到您的申請。\n\n入選名單：{{ link }}",
        },
    },
    "nomination-received": {
        "description": gettext_noop("To the partner's managers when a side sends its nomination."),
        "subject": {
            "en": "{{ side }} has sent its {{ count }} nominated teams",
            "fr": "{{ side }} a envoyé ses {{ count }} équipes proposées",
            "zh-hant": "{{ side }}已送出推薦的 {{ count }} 個團隊",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ side }} has nominated {{ count }} teams for the "
            "{{ cycle }} exchange. Read them and pick the teams {{ partner }} will host:\n"
            "{{ link }}\n\nYou receive the personal data of the nominated teams only; use it "
            "for this selection alone.",
            "fr": "Bonjour {{ name }},\n\n{{ side }} a proposé {{ count }} équipes pour "
            "l’échange {{ cycle }}. Lisez-les et choisissez celles que {{ partner }} "
            "accueillera :\n{{ link }}\n\nVous ne recevez les données personnelles que des "
            "équipes proposées ; ne les utilisez que pour cette sélection.",
            "zh-hant": "{{ name }} 您好：\n\n{{ side }}已為 {{ cycle }} 年度交流推薦 {{ count }} "
            "個團隊。請閱讀並選出{{ partner }}將接待的團隊：\n{{ link }}\n\n"
            "您僅收到被推薦團隊的個人資料，請僅用於本次評選。",
        },
    },
    "pick-proposed": {
        "description": gettext_noop(
            "To the nominating side's managers when the partner proposes its pick."
        ),
        "subject": {
            "en": "{{ partner }} has picked among your nominated teams",
            "fr": "{{ partner }} a choisi parmi vos équipes proposées",
            "zh-hant": "{{ partner }}已從您推薦的團隊中選出入選者",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ partner }} has proposed its pick among the teams "
            "{{ side }} nominated for the {{ cycle }} exchange. Confirm it to make it final, "
            "or send it back with a reason:\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\n{{ partner }} a proposé son choix parmi les équipes "
            "que {{ side }} a proposées pour l’échange {{ cycle }}. Confirmez-le pour le "
            "rendre définitif, ou renvoyez-le en expliquant pourquoi :\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n{{ partner }}已從{{ side }}為 {{ cycle }} "
            "年度交流推薦的團隊中提出入選名單。請確認使其定案，或說明理由退回：\n{{ link }}",
        },
    },
    "pick-confirmed": {
        "description": gettext_noop(
            "To the picking side's managers when the nominating side confirms."
        ),
        "subject": {
            "en": "{{ side }} has confirmed your pick: it is final",
            "fr": "{{ side }} a confirmé votre choix : il est définitif",
            "zh-hant": "{{ side }}已確認您的選擇：名單定案",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ side }} has confirmed the teams {{ partner }} "
            "picked for the {{ cycle }} exchange. The selected teams are offered their "
            "place.\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\n{{ side }} a confirmé les équipes choisies par "
            "{{ partner }} pour l’échange {{ cycle }}. Une place est proposée aux équipes "
            "sélectionnées.\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n{{ side }}已確認{{ partner }}為 {{ cycle }} "
            "年度交流選出的團隊，入選團隊將收到名額邀請。\n{{ link }}",
        },
    },
    "pick-returned": {
        "description": gettext_noop("To the picking side's managers when the pick is sent back."),
        "subject": {
            "en": "{{ side }} has sent your pick back",
            "fr": "{{ side }} a renvoyé votre choix",
            "zh-hant": "{{ side }}已退回您的選擇",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ side }} has sent back the pick of {{ partner }} "
            "for the {{ cycle }} exchange, saying:\n\n{{ reason }}\n\nRevise it and propose "
            "it again:\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\n{{ side }} a renvoyé le choix de {{ partner }} pour "
            "l’échange {{ cycle }}, avec ce motif :\n\n{{ reason }}\n\nRevoyez-le et "
            "proposez-le de nouveau :\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n{{ side }}退回了{{ partner }}於 {{ cycle }} "
            "年度交流的選擇，理由如下：\n\n{{ reason }}\n\n請修改後重新提出：\n{{ link }}",
        },
    },
    "place-confirmed": {
        "description": gettext_noop(
            "To both sides' managers when a selected team confirms its place."
        ),
        "subject": {
            "en": "{{ team }} has confirmed its place",
            "fr": "{{ team }} a confirmé sa place",
            "zh-hant": "{{ team }} 已確認名額",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ team }}, from {{ side }}, has confirmed its place "
            "in the {{ cycle }} exchange hosted by {{ partner }}.\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\n{{ team }}, de {{ side }}, a confirmé sa place dans "
            "l’échange {{ cycle }} accueilli par {{ partner }}.\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n來自{{ side }}的 {{ team }} 已確認參加由"
            "{{ partner }}接待的 {{ cycle }} 年度交流。\n{{ link }}",
        },
    },
    "place-declined": {
        "description": gettext_noop(
            "To both sides' managers when a selected team declines its place."
        ),
        "subject": {
            "en": "{{ team }} has declined its place",
            "fr": "{{ team }} a décliné sa place",
            "zh-hant": "{{ team }} 已婉拒名額",
        },
        "body": {
            "en": "Hello {{ name }},\n\n{{ team }}, from {{ side }}, has declined its place "
            "in the {{ cycle }} exchange hosted by {{ partner }}. If {{ partner }} kept a "
            "reserve, its first team is offered the place; you will receive a message.\n"
            "{{ link }}",
            "fr": "Bonjour {{ name }},\n\n{{ team }}, de {{ side }}, a décliné sa place dans "
            "l’échange {{ cycle }} accueilli par {{ partner }}. Si {{ partner }} a une liste "
            "de réserve, la place est proposée à sa première équipe ; vous en serez "
            "informé.\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n來自{{ side }}的 {{ team }} 已婉拒由{{ partner }}"
            "接待的 {{ cycle }} 年度交流名額。若{{ partner }}設有備取名單，"
            "名額將由第一順位備取團隊遞補，屆時將另行通知。\n{{ link }}",
        },
    },
    "reserve-promoted": {
        "description": gettext_noop(
            "To both sides' managers when a reserve team is offered a freed place."
        ),
        "subject": {
            "en": "{{ promoted }} moves up from the reserve list",
            "fr": "{{ promoted }} passe de la liste de réserve à la sélection",
            "zh-hant": "{{ promoted }} 由備取遞補",
        },
        "body": {
            "en": "Hello {{ name }},\n\nA place in the {{ cycle }} exchange hosted by "
            "{{ partner }} was freed. {{ promoted }}, from {{ side }}, is first on the "
            "reserve list and is offered the place. Its decision message goes through the "
            "outbox of {{ side }}, for review.\n{{ link }}",
            "fr": "Bonjour {{ name }},\n\nUne place s’est libérée dans l’échange {{ cycle }} "
            "accueilli par {{ partner }}. {{ promoted }}, de {{ side }}, première équipe de "
            "la liste de réserve, se voit proposer la place. Son message de décision passe "
            "par la boîte d’envoi de {{ side }}, pour relecture.\n{{ link }}",
            "zh-hant": "{{ name }} 您好：\n\n由{{ partner }}接待的 {{ cycle }} 年度交流空出一個"
            "名額。來自{{ side }}的備取第一順位 {{ promoted }} 獲邀遞補，"
            "其通知信將經{{ side }}的寄件匣審閱後寄出。\n{{ link }}",
        },
    },
}
