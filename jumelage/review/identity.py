"""What names a team, and where a text says it: the checks behind blind review.

A team is named by its name, its organisation, its people (the applicant, the contact,
anyone in an identifying answer) and its addresses (the domains of its website and
e-mails, and the parts of those that read as names). A text names the team when one of
these appears in it, whatever its case or accents, and in any of the three languages:
Latin names match as whole words, Chinese names (written without spaces) anywhere.

Plain data in, plain data out: the callers gather the strings and apply the results."""

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

# Addresses anyone can have: their domain names nobody.
SHARED_MAIL_DOMAINS = {
    "163.com",
    "gmail.com",
    "googlemail.com",
    "hotmail.com",
    "hotmail.fr",
    "icloud.com",
    "laposte.net",
    "live.com",
    "me.com",
    "msa.hinet.net",
    "orange.fr",
    "outlook.com",
    "outlook.fr",
    "proton.me",
    "protonmail.com",
    "qq.com",
    "free.fr",
    "wanadoo.fr",
    "yahoo.com",
    "yahoo.com.tw",
    "yahoo.fr",
}
# Local parts of role addresses (tech@, contact@): they say nothing of whose they are.
ROLE_MAILBOXES = {
    "admin",
    "bonjour",
    "ceo",
    "contact",
    "cto",
    "founders",
    "hello",
    "info",
    "jobs",
    "mail",
    "office",
    "press",
    "sales",
    "service",
    "support",
    "team",
    "tech",
}
# Labels of a host name that belong to no one: www.example.co.uk names "example" only.
COMMON_LABELS = {"ac", "co", "com", "edu", "gov", "net", "org", "www"}
# Parts of a legal name that any company has.
LEGAL_FORMS = re.compile(
    r"\b(sas|sasu|sarl|sa|sci|eurl|ltd|llc|inc|gmbh|co|corp|company)\b\.?|"
    r"(股份有限公司|有限公司|有限責任公司)",
    re.IGNORECASE,
)
# Particles of a person's name that are words of their own.
NAME_PARTICLES = {"bin", "da", "de", "del", "der", "des", "di", "du", "el", "la", "le", "van"}
SHORTEST_WORD = 3
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)]", re.IGNORECASE)
LATIN = re.compile(r"[a-z0-9]")


def _is_cjk(char: str) -> bool:
    return unicodedata.name(char, "").startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


def folded(text: str) -> tuple[str, list[int]]:
    """`text` without case, accents or punctuation (each run of it one space), and for each
    character of the result the position it comes from in `text`."""
    out, origin = [], []
    for position, char in enumerate(text):
        for part in unicodedata.normalize("NFKD", char):
            if unicodedata.combining(part):
                continue
            for lower in part.casefold():
                if lower.isalnum():
                    out.append(lower)
                    origin.append(position)
                elif not out or out[-1] != " ":
                    out.append(" ")
                    origin.append(position)
    return "".join(out), origin


def _key(text: str) -> str:
    return folded(text)[0].strip()


@dataclass(frozen=True)
class Identity:
    """The folded strings that name one team, longest first."""

    needles: tuple[str, ...]

    def __bool__(self):
        return bool(self.needles)


@dataclass
class Strings:
    """What the caller knows of a team, as written by the team."""

    names: list[str]  # the team's name and its organisation
    people: list[str]  # full names of its people
    emails: list[str]
    urls: list[str]
    texts: list[str]  # identifying answers: names, addresses and links are read out of them


def identity_of(strings: Strings) -> Identity:
    needles = set()
    emails, urls = list(strings.emails), list(strings.urls)
    people = list(strings.people)
    for text in strings.texts:
        emails += EMAIL.findall(text)
        urls += URL.findall(text)
        people += _name_like_parts(URL.sub(" ", EMAIL.sub(" ", text)))
    for name in strings.names:
        needles |= _team_name(name)
    for person in people:
        needles |= _person(person)
    for email in emails:
        needles |= _email(email)
    for url in urls:
        needles |= _host(urlsplit(url if "//" in url else f"//{url}").hostname or "")
    kept = {needle for needle in needles if _long_enough(needle)}
    return Identity(tuple(sorted(kept, key=lambda n: (-len(n), n))))


def _long_enough(needle: str) -> bool:
    return len(needle) >= (2 if any(_is_cjk(c) for c in needle) else SHORTEST_WORD)


def _name_like_parts(text: str) -> list[str]:
    """The fragments of an answer that read as names ("Inès Vidal (CTO), Hugo Martin"): a
    few capitalised words, or a short run of Chinese characters."""
    unlabelled = re.sub(r"(?m)^[^:：\n]{0,40}[:：]", " ", text)  # "Founders: …"
    parts = re.split(r"[,;/\n、，；]|\band\b|\bet\b|\(.*?\)|（.*?）", unlabelled)
    return [part for part in (p.strip(" .-") for p in parts) if _reads_as_a_name(part)]


def _reads_as_a_name(part: str) -> bool:
    words = part.split()
    if not 1 <= len(words) <= 4:
        return False
    if all(_is_cjk(c) for c in part.replace(" ", "")):
        return len(part) <= 8
    return all(word[0].isupper() for word in words)


def _team_name(name: str) -> set[str]:
    bare = LEGAL_FORMS.sub(" ", re.sub(r"\(.*?\)|（.*?）", " ", name))
    needles = {_key(name), _key(bare)}
    return needles | {needle.replace(" ", "") for needle in needles}


def _person(name: str) -> set[str]:
    """The full name, and each of its words in Latin script (a surname alone names too)."""
    full = _key(name)
    words = {
        word
        for word in full.split()
        if LATIN.match(word) and word not in NAME_PARTICLES and len(word) >= SHORTEST_WORD
    }
    return {full} | words


def _email(address: str) -> set[str]:
    local, _at, domain = address.strip().lower().rpartition("@")
    needles = {_key(address)}
    if local and local not in ROLE_MAILBOXES:
        needles.add(_key(local))
    if domain not in SHARED_MAIL_DOMAINS:
        needles |= _host(domain)
    return needles


def _host(host: str) -> set[str]:
    """A host name and the labels that name its owner: praline-ai.example gives
    "praline ai example" and "praline ai"."""
    host = host.lower().removeprefix("www.")
    labels = host.split(".")
    if len(labels) < 2:
        return set()
    owners = [label for label in labels[:-1] if label not in COMMON_LABELS]
    keys = {_key(label) for label in owners}
    return {_key(host)} | keys | {key.replace(" ", "") for key in keys}


def spans(text: str, identity: Identity) -> list[tuple[int, int]]:
    """Where `text` names the team: (start, end) positions in `text`, merged and in order.
    An address or a link that names the team is found whole."""
    if not identity or not text:
        return []
    flat, origin = folded(text)
    found = []
    for needle in identity.needles:
        for match in re.finditer(_pattern(needle), flat):
            found.append((origin[match.start()], origin[match.end() - 1] + 1))
    found = _merged(found)
    return _merged(found + [whole for whole in _addresses(text) if _overlaps(whole, found)])


def _addresses(text):
    for pattern in (EMAIL, URL):
        for match in pattern.finditer(text):
            yield match.start(), match.end()


def _overlaps(span, spans_found) -> bool:
    return any(start < span[1] and span[0] < end for start, end in spans_found)


def _pattern(needle: str) -> str:
    escaped = re.escape(needle)
    if any(_is_cjk(c) for c in needle):
        return escaped
    # A whole word: no Latin letter or digit on either side (a CJK character may touch it).
    return rf"(?<![a-z0-9]){escaped}(?![a-z0-9])"


def _merged(found):
    merged = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def hits(text: str, identity: Identity) -> list[str]:
    """The passages of `text` that name the team, as written there, each once."""
    return list(dict.fromkeys(text[start:end] for start, end in spans(text, identity)))


def masked(text: str, identity: Identity, mask: str) -> str:
    """`text` with each passage that names the team replaced by `mask`."""
    out, last = [], 0
    for start, end in spans(text, identity):
        out += [text[last:start], mask]
        last = end
    return "".join([*out, text[last:]])
