"""khabar.analyze end to end on Persian news we wrote for these tests."""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from khabar import Analysis, Article, InputError, OptionError, analyze
from khabar.model import Entity

VISIT = (
    "به گزارش ایرنا، سرگئی لاوروف، وزیر امور خارجه روسیه، روز سه‌شنبه در تهران با عباس "
    "عراقچی دیدار کرد. لاوروف پس از این دیدار گفت: «روابط مسکو و تهران در مسیر درستی قرار "
    "دارد.» عراقچی نیز اعلام کرد که دو کشور هفته آینده توافق همکاری اقتصادی را در مسکو امضا "
    "خواهند کرد."
)
PUBLISHED = date(2025, 6, 10)  # a Tuesday


@pytest.fixture(scope="module")
def visit() -> Analysis:
    return analyze(VISIT, PUBLISHED)


def entity(result: Analysis, name: str) -> Entity:
    found = [e for e in result.entities if e.name == name]
    assert found, f"{name} not among {[e.name for e in result.entities]}"
    return found[0]


def test_people_places_and_source(visit: Analysis) -> None:
    assert visit.language == "fa"
    assert {e.name for e in visit.entities_of("PER")} == {"سرگئی لاوروف", "عباس عراقچی"}
    assert {"تهران", "مسکو", "روسیه"} <= {e.name for e in visit.entities_of("LOC")}
    assert visit.source is not None and visit.source.span.text == "ایرنا"


def test_a_surname_alone_is_the_same_person(visit: Analysis) -> None:
    lavrov = entity(visit, "سرگئی لاوروف")
    assert [m.text for m in lavrov.mentions] == ["سرگئی لاوروف", "لاوروف"]


def test_appositive_role_with_country(visit: Analysis) -> None:
    role = entity(visit, "سرگئی لاوروف").role
    assert role is not None and role.source == "text"
    assert role.title.startswith("وزیر")
    assert role.of_name == "روسیه" and role.country == "RU"
    assert role.span is not None and role.span.text == "وزیر امور خارجه روسیه"


def test_every_span_points_into_the_input(visit: Analysis) -> None:
    spans = [m for e in visit.entities for m in e.mentions]
    spans += [q.span for q in visit.quotes] + [ev.trigger for ev in visit.events]
    spans += list(visit.summary)
    for span in spans:
        assert VISIT[span.start : span.end] == span.text
    for d in visit.dates:
        assert VISIT[d.start : d.end] == d.text


def test_direct_and_reported_quotes(visit: Analysis) -> None:
    direct = [q for q in visit.quotes if q.kind == "direct"]
    assert len(direct) == 1
    assert direct[0].speaker is not None and direct[0].speaker.name == "سرگئی لاوروف"
    assert direct[0].span.text.startswith("روابط مسکو و تهران")
    reported = [q for q in visit.quotes if q.kind == "reported"]
    assert reported and reported[0].speaker is not None
    assert reported[0].speaker.name == "عباس عراقچی"


@pytest.mark.parametrize(
    ("text", "said"),
    [
        # past perfect of a speech verb
        (
            "پیش از این، عباس عراقچی، وزیر امور خارجه، اعلام کرده بود که دور تازه مذاکرات "
            "در مسقط برگزار می‌شود.",
            "دور تازه مذاکرات در مسقط برگزار می‌شود",
        ),
        # a belief verb
        (
            "مسعود پزشکیان معتقد است که کاهش تورم بدون انضباط بودجه ممکن نیست.",
            "کاهش تورم بدون انضباط بودجه ممکن نیست",
        ),
        # X از … خبر داد: what was said stands before the verb
        (
            "عباس عراقچی روز دوشنبه در تهران از آغاز دور تازه گفت‌وگوهای هسته‌ای خبر داد.",
            "آغاز دور تازه گفت‌وگوهای هسته‌ای",
        ),
    ],
)
def test_reported_speech_forms(text: str, said: str) -> None:
    quotes = [q for q in analyze(text).quotes if q.kind == "reported"]
    assert len(quotes) == 1
    assert quotes[0].speaker is not None and quotes[0].speaker.name in text
    assert quotes[0].span.text == said


def test_a_pronoun_after_a_frame_is_the_last_speaker() -> None:
    text = (
        "عباس عراقچی، وزیر امور خارجه، گفت: «مذاکرات ادامه دارد.» به گفته وی، دور بعدی "
        "گفت‌وگوها هفته آینده در ژنو برگزار می‌شود."
    )
    reported = [q for q in analyze(text).quotes if q.kind == "reported"]
    assert [q.speaker.name for q in reported if q.speaker] == ["عباس عراقچی"]
    assert reported[0].span.text.startswith("دور بعدی")
    # With nobody quoted before, «به گفته وی» names no one.
    alone = "به گفته وی، دور بعدی گفت‌وگوها هفته آینده در ژنو برگزار می‌شود."
    assert not analyze(alone).quotes


def test_meeting_event_with_actors_date_and_place(visit: Analysis) -> None:
    meeting = next(e for e in visit.events if e.category == "CONSULT")
    assert meeting.source is not None and meeting.source.name == "سرگئی لاوروف"
    assert meeting.source.country == "RU"  # a person brings the country of the role
    assert meeting.target is not None and meeting.target.name == "عباس عراقچی"
    assert meeting.place is not None and meeting.place.name == "تهران"
    assert meeting.date is not None and meeting.date.value == "2025-06-10"
    assert meeting.modality == "asserted"


def test_future_agreement(visit: Analysis) -> None:
    agreement = next(e for e in visit.events if e.category == "AGREE")
    assert agreement.modality == "future"
    assert agreement.place is not None and agreement.place.name == "مسکو"


def test_role_before_the_name_and_modifiers() -> None:
    text = (
        "رئیس‌جمهوری منتخب کره جنوبی لی جه میونگ روز پنجشنبه وارد توکیو شد. "
        "شینزو آبه، نخست‌وزیر پیشین ژاپن، پیش‌تر گفته بود که روابط دو کشور بهبود می‌یابد."
    )
    result = analyze(text)
    abe = next(e for e in result.entities if e.name.endswith("آبه"))
    assert abe.role is not None and "former" in abe.role.modifiers
    assert abe.role.country == "JP"


def test_negated_and_hypothetical_events() -> None:
    negated = analyze("دولت عراق روز یکشنبه اعلام کرد که توافق آب با ترکیه را امضا نکرد.")
    assert any(e.category == "AGREE" and e.modality == "negated" for e in negated.events)
    maybe = analyze("اگر آمریکا تحریم‌های تازه‌ای علیه ونزوئلا وضع کند، کاراکاس پاسخ خواهد داد.")
    sanctions = [e for e in maybe.events if e.category == "SANCTION"]
    assert sanctions and sanctions[0].modality == "hypothetical"
    assert sanctions[0].target is not None and sanctions[0].target.name == "ونزوئلا"


def test_pronoun_stands_for_the_last_subject() -> None:
    text = (
        "محمدرضا عارف، معاون اول رئیس‌جمهوری، روز شنبه به شیراز رفت. "
        "او در دیدار با استاندار فارس بر اجرای طرح‌های آب تأکید کرد."
    )
    result = analyze(text)
    meeting = next(e for e in result.events if e.category == "CONSULT")
    assert meeting.source is not None and meeting.source.name == "محمدرضا عارف"


def test_raw_input_spans_survive_repair() -> None:
    raw = "علي لاريجاني، مشاور ارشد رهبر ايران، روز دوشنبه به مسكو سفر كرد و با پوتين ديدار كرد."
    result = analyze(raw, "2025-02-03")
    people = {e.name for e in result.entities_of("PER")}
    assert "علی لاریجانی" in people
    for e in result.entities:
        for m in e.mentions:
            assert raw[m.start : m.end] == m.text
    larijani = next(e for e in result.entities if e.name == "علی لاریجانی")
    assert larijani.mentions[0].text == "علي لاريجاني"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("قال وزير الخارجية إن المحادثات في الدوحة كانت مثمرة على الرغم من الخلافات.", "ar"),
        ("The foreign minister met his Russian counterpart in Tehran on Tuesday.", "en"),
        ("", "und"),
        ("   \n\n  ", "und"),
    ],
)
def test_other_languages_are_noted_not_analyzed(text: str, language: str) -> None:
    result = analyze(text)
    assert result.language == language
    assert result.entities == () and result.events == ()
    assert result.notes


def test_text_without_sentences_or_names() -> None:
    result = analyze("۱۲۳ ۴۵۶ ... ؟ ! «» ()")
    assert result.entities == () and result.summary == ()


def test_a_long_article_is_analyzed_whole() -> None:
    result = analyze((VISIT + "\n") * 400, PUBLISHED)  # about 150 KB
    lavrov = entity(result, "سرگئی لاوروف")
    assert len(lavrov.mentions) == 800


def test_article_input_and_its_publication_date() -> None:
    article = Article(text=VISIT, id="a1", published=PUBLISHED)
    result = analyze(article)
    assert result.id == "a1" and result.published == PUBLISHED
    assert result.to_dict()["id"] == "a1"


def test_bad_input_is_a_clear_error() -> None:
    with pytest.raises(InputError):
        analyze(b"bytes")  # type: ignore[arg-type]
    with pytest.raises(OptionError):
        analyze("متن", published="yesterday")


def test_keywords_and_summary(visit: Analysis) -> None:
    texts = [k.text for k in visit.keywords]
    assert texts and visit.keywords[0].score == 1.0
    assert all(0 < k.score <= 1 for k in visit.keywords)
    assert "در" not in texts and "که" not in texts
    assert visit.summary and visit.summary[0].start == 0  # the lead comes first


def test_json_document_follows_the_schema(visit: Analysis) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema_path = Path(__file__).parents[2] / "docs/analysis.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    document = json.loads(json.dumps(visit.to_dict(), ensure_ascii=False))
    jsonschema.validate(document, schema)
    jsonschema.validate(json.loads(json.dumps(analyze("").to_dict())), schema)
    assert document["schema_version"] == "1.0"


def test_gazetteers_ship_with_the_package() -> None:
    data = resources.files("khabar.data")
    for name in ("gazetteer/places.tsv", "names/given_names.tsv", "analysis/triggers.tsv"):
        assert data.joinpath(name).read_text("utf-8").count("\n") > 10


ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the shared seeds are not beside this checkout")
def test_reference_article_end_to_end() -> None:
    raw = next(p for p in SEEDS.glob("*.txt") if not p.name.endswith(".corrected.txt"))
    result = analyze(raw.read_text("utf-8"), "2025-01-13")
    people = {e.name: e for e in result.entities_of("PER")}
    assert len(people) == 6
    roles = {name: e.role for name, e in people.items()}
    assert all(role is not None for role in roles.values())
    former = [n for n, r in roles.items() if r is not None and "former" in r.modifiers]
    assert len(former) == 1 and roles[former[0]].country == "RU"  # type: ignore[union-attr]
    places = {e.name for e in result.entities_of("LOC")}
    assert {"ایران", "روسیه", "مسکو", "آمریکا", "تهران", "غرب"} <= places
    assert len(result.entities_of("ORG")) >= 2
    agree = next(e for e in result.events if e.category == "AGREE")
    assert {agree.source.name, agree.target.name} == {"ایران", "روسیه"}  # type: ignore[union-attr]
    assert agree.date is not None and agree.date.value == "2025-01-17"
    assert agree.place is not None and agree.place.name == "مسکو"
    assert agree.modality == "future"
    assert result.source is not None and result.source.name == "jahankhabari.ir"


# Quality floors on the development set (eval/analyze/score.py prints the figures): they may
# only move up.
ENTITY_F1_FLOOR = 0.90
QUOTE_F1_FLOOR = 0.88


def test_development_set_floors() -> None:
    import importlib.util
    import sys

    sys.path.insert(0, str(ROOT / "eval" / "analyze"))
    spec = importlib.util.spec_from_file_location("score", ROOT / "eval/analyze/score.py")
    assert spec is not None and spec.loader is not None
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    entities, quotes, events = score.Tally(), score.Tally(), score.Tally()
    fields: Counter[str] = Counter()
    articles = score.read_all(ROOT / "tests/data/analyze")
    assert len(articles) >= 40
    for article in articles:
        result = analyze(article.text, article.published)
        score.score_entities(article, result, entities, [])
        score.score_quotes(article, result, quotes, [])
        score.score_events(article, result, events, fields, [])
    assert entities.total()[2] >= ENTITY_F1_FLOOR
    assert quotes.total()[2] >= QUOTE_F1_FLOOR


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a unit named before the organization it belongs to: one outer name
        ("دانشکده حقوق دانشگاه تهران همایشی برگزار کرد.", "دانشکده حقوق دانشگاه تهران"),
        ("سخنگوی نیروی دریایی سپاه پاسداران گفت رزمایش آغاز شد.", "نیروی دریایی سپاه"),
        # the state's official name inside an organization's name
        ("سازمان هواپیمایی کشوری جمهوری اسلامی ایران اعلام کرد.", "کشوری جمهوری اسلامی ایران"),
        ("ارتش جمهوری اسلامی ایران رزمایش برگزار کرد.", "ارتش جمهوری اسلامی ایران"),
    ],
)
def test_nested_organizations_are_marked_whole(text: str, name: str) -> None:
    orgs = [m.text for e in analyze(text).entities_of("ORG") for m in e.mentions]
    assert len(orgs) == 1 and name in orgs[0]
    assert not analyze(text).entities_of("LOC")


def test_a_unit_without_its_organization_is_no_name() -> None:
    assert not analyze("کمیته فنی تشکیل جلسه داد و نتیجه را اعلام کرد.").entities


def test_a_short_country_after_a_ministry_stays_a_place() -> None:
    result = analyze("وزارت امور خارجه روسیه این حمله را محکوم کرد.")
    assert [e.name for e in result.entities_of("ORG")] == ["وزارت امور خارجه"]
    assert [e.name for e in result.entities_of("LOC")] == ["روسیه"]


def test_a_known_person_after_a_title_keeps_an_adjective_like_surname() -> None:
    # ایرانی reads as "Iranian", but the list of people knows the admiral.
    result = analyze("دریادار شهرام ایرانی از آمادگی ناوگروه برای مأموریت تازه خبر داد.")
    assert [e.name for e in result.entities_of("PER")] == ["شهرام ایرانی"]


def test_a_quoted_title_quoted_again_keeps_its_type() -> None:
    text = (
        "فیلم «باران پاییزی» به کارگردانی سارا محمدی در جشنواره فجر نمایش داده شد. "
        "سیمرغ بهترین فیلمنامه نیز به «باران پاییزی» رسید، اما «امید» جایزه‌ای نگرفت."
    )
    result = analyze(text)
    titles = [m for e in result.entities if e.type == "PRO" for m in e.mentions]
    assert [m.text for m in titles] == ["باران پاییزی", "باران پاییزی"]
    assert not any(e.name == "امید" for e in result.entities)  # quoted, but never typed


def test_leaving_an_agreement_is_a_rejection_not_an_agreement() -> None:
    left = analyze("دولت آمریکا در سال ۲۰۱۹ از توافق آب‌وهوایی پاریس خارج شد.")
    assert [(e.category, e.cameo) for e in left.events] == [("REJECT", "127")]
    assert left.events[0].source is not None and left.events[0].source.name == "آمریکا"
    signed = analyze("ایران و عراق روز یکشنبه توافق امنیتی مرزی را در بغداد امضا کردند.")
    assert [e.category for e in signed.events][:1] == ["AGREE"]


def test_a_bare_short_head_after_the_full_name_is_that_organization() -> None:
    text = (
        "رافائل گروسی، مدیرکل آژانس بین‌المللی انرژی اتمی، روز دوشنبه به تهران سفر کرد. "
        "آژانس در گزارش تازه خود از همکاری ایران خبر داده است."
    )
    agency = entity(analyze(text), "آژانس بین‌المللی انرژی اتمی")
    assert [m.text for m in agency.mentions] == ["آژانس بین‌المللی انرژی اتمی", "آژانس"]
    # Two agencies named before it: the bare head is left alone.
    two = text.replace("از همکاری", "و آژانس فضایی اروپا از همکاری", 1)
    two = two.replace("آژانس در گزارش", "در گزارش", 1) + " آژانس پاسخی نداد."
    assert all(m.text != "آژانس" for e in analyze(two).entities for m in e.mentions)


def test_this_official_is_the_person_just_named() -> None:
    text = (
        "عباس عراقچی، وزیر امور خارجه، روز شنبه با همتای عمانی خود در مسقط دیدار کرد. "
        "این مقام مسئول پس از دیدار خاطرنشان کرد: «گفت‌وگوها سازنده بود و ادامه خواهد یافت.»"
    )
    quotes = [q for q in analyze(text).quotes if q.kind == "direct"]
    assert [q.speaker.name for q in quotes if q.speaker] == ["عباس عراقچی"]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("کامران نیک‌سرشت، مدیرعامل شرکت ملی گاز، گفت که مصرف بالا رفت.", "کامران نیک‌سرشت"),
        ("حسن دهشیری، سخنگوی دولت، اعلام کرد که جلسه لغو شد.", "حسن دهشیری"),
        # a given name that is also a month
        ("بهمن کیانی، مدیرعامل شرکت آریا موتور، بازداشت شد.", "بهمن کیانی"),
    ],
)
def test_a_given_name_and_any_surname_before_an_appositive_role_is_a_person(
    text: str, person: str
) -> None:
    assert [e.name for e in analyze(text).entities if e.type == "PER"] == [person]


def test_a_given_name_and_a_common_word_without_a_role_is_no_person() -> None:
    assert not [e for e in analyze("حسن نیت دولت در مذاکرات روشن است.").entities if e.type == "PER"]


def test_a_route_named_by_its_two_ends_is_one_facility() -> None:
    rail = analyze("عملیات ساخت راه‌آهن رشت-آستارا از سال آینده آغاز می‌شود.")
    assert [(e.name, e.type) for e in rail.entities] == [("راه‌آهن رشت-آستارا", "FAC")]
    flight = analyze("پرواز تهران-مشهد لغو شد.")  # no route head: two places
    assert [e.type for e in flight.entities] == ["LOC", "LOC"]


def test_a_medium_named_by_a_common_word_after_a_reporter_or_an_interview() -> None:
    for text in (
        "رئیس سازمان سنجش در گفت‌وگو با مهر گفت که نتایج هفته آینده اعلام می‌شود.",
        "این دانش‌آموز به خبرنگار مهر گفت که روزی ده ساعت درس می‌خواند.",
    ):
        assert "خبرگزاری مهر" in [e.name for e in analyze(text).entities if e.type == "ORG"]
    assert not analyze("او در ماه مهر به خبرنگاران چیزی نگفت.").entities


def test_a_club_named_by_a_common_word_in_a_sports_report_only() -> None:
    match = "پرسپولیس با نتیجه دو بر یک استقلال را شکست داد و سرمربی تیم از بازیکنان تشکر کرد."
    assert [e.type for e in analyze(match).entities] == ["ORG", "ORG"]
    assert not analyze("استقلال کشور برای مردم مهم است و از آن دفاع می‌کنند.").entities


def test_a_titled_name_keeps_its_type_when_it_comes_back_unquoted() -> None:
    text = (
        "نخستین مدل زبانی فارسی با نام «دماوند» در تهران رونمایی شد. "
        "آموزش دماوند روی میلیاردها واژه انجام شده است."
    )
    found = [(e.name, e.type, len(e.mentions)) for e in analyze(text).entities]
    assert ("دماوند", "PRO", 2) in found
    assert ("دماوند", "LOC", 1) not in found
    assert analyze("قله دماوند پوشیده از برف است.").entities[0].type == "LOC"


def test_a_listed_name_after_a_head_and_a_nationality_is_taken_whole() -> None:
    text = "این مدل هنوز از محصول شرکت آمریکایی اوپن ای آی عقب‌تر است."
    assert [(e.name, e.type) for e in analyze(text).entities] == [("اوپن‌ای‌آی", "ORG")]


def test_the_object_before_ra_is_the_target_of_a_verbal_event() -> None:
    text = (
        "پلیس امنیت اقتصادی روز یکشنبه بهمن کیانی، مدیرعامل شرکت آریا موتور، را "
        "در فرودگاه امام خمینی دستگیر کرد."
    )
    events = analyze(text).events
    assert [(e.category, e.target.name if e.target else None) for e in events] == [
        ("COERCE", "بهمن کیانی")
    ]


def test_a_short_name_that_is_a_common_word_needs_its_person_named() -> None:
    assert not analyze("کشتی‌گیر ایرانی در این رقابت‌ها مدال برنز گرفت.").entities
    named = analyze("ویلیام برنز، رئیس پیشین سیا، گفت که برنز به تهران نمی‌رود.")
    burns = entity(named, "ویلیام برنز")
    assert [m.text for m in burns.mentions] == ["ویلیام برنز", "برنز"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ارتش عراق وارد شهر شد.", [("عراق", "LOC")]),
        ("دولت ایران این طرح را تصویب کرد.", [("ایران", "LOC")]),
        ("ارتش جمهوری اسلامی ایران رزمایش برگزار کرد.", [("ارتش جمهوری اسلامی ایران", "ORG")]),
    ],
)
def test_a_descriptive_head_before_a_country_is_no_name(text, expected) -> None:
    assert [(e.name, e.type) for e in analyze(text).entities] == expected
