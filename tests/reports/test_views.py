import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jumelage.demo import trip
from jumelage.reports.models import TripReport, VisitPhoto
from tests.exchange.factories import TripReportFactory, VisitSectionFactory
from tests.exchange.factories import trip as taichung_trip
from tests.reports.roles import png

pytestmark = pytest.mark.django_db


def _url(name, slug, **kwargs):
    return reverse(f"reports:{name}", kwargs={"slug": slug, **kwargs})


def test_the_report_page_shows_the_tables_from_the_data(
    client, visit, django_assert_max_num_queries
):
    client.force_login(visit.users.theo)  # the host city reads the visitors' report
    with django_assert_max_num_queries(15):
        page = client.get(_url("trip", trip.SLUG)).content.decode()
    assert page.count("<figure>") == 8
    assert "LEE Yi-an" in page and "Arrival at Toulouse airport" in page
    assert _url("trip_edit", trip.SLUG) not in page  # Taichung writes it


def test_the_pdf_is_served_in_the_language_of_the_address(client, visit):
    client.force_login(visit.users.tina)
    response = client.get("/zh-hant" + _url("trip_pdf", trip.SLUG)[3:])
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="toulouse-2018-zh-hant.pdf"' in response["Content-Disposition"]


def test_the_draft_is_autosaved_and_bad_input_answered_in_json(client, world):
    delegation, _traveller = taichung_trip(world)
    client.force_login(world.users.tina)
    response = client.post(
        _url("trip_autosave", delegation.slug), {"title_en": "Visit", "summary_fr": "Brouillon"}
    )
    assert response.status_code == 200 and "saved" in response.json()
    report = TripReport.objects.get()
    assert (report.summary_fr, report.updated_by) == ("Brouillon", world.users.tina)
    response = client.post(_url("trip_autosave", delegation.slug), {"report_date": "soon"})
    assert response.status_code == 400
    assert "report_date" in response.json()["errors"]


def test_a_section_gets_a_photo_that_keeps_its_size(client, world):
    delegation, _traveller = taichung_trip(world)
    section = VisitSectionFactory(report=TripReportFactory(delegation=delegation))
    client.force_login(world.users.tina)
    image = SimpleUploadedFile("visit.png", png(300, 200), content_type="image/png")
    response = client.post(
        _url("photo_add", delegation.slug, pk=section.pk), {"image": image, "caption_en": "Hall"}
    )
    assert response.status_code == 302
    photo = VisitPhoto.objects.get()
    assert (photo.width, photo.height, photo.caption) == (300, 200, "Hall")
    served = client.get(_url("photo", delegation.slug, pk=photo.pk))
    served.close()
    assert served["Content-Type"] == "image/png"


def test_a_file_that_is_no_image_is_refused(client, world):
    delegation, _traveller = taichung_trip(world)
    section = VisitSectionFactory(report=TripReportFactory(delegation=delegation))
    client.force_login(world.users.tina)
    fake = SimpleUploadedFile("visit.png", b"%PDF-1.4 not a photo", content_type="image/png")
    response = client.post(_url("photo_add", delegation.slug, pk=section.pk), {"image": fake})
    assert response.status_code == 400
    assert not VisitPhoto.objects.exists()


def test_a_section_is_added_after_the_others(client, world):
    delegation, _traveller = taichung_trip(world)
    report = TripReportFactory(delegation=delegation)
    VisitSectionFactory(report=report, order=1)
    client.force_login(world.users.tina)
    response = client.post(
        _url("section_add", delegation.slug),
        {"order": 2, "title_en": "IoT Valley", "discussion_en": "POC"},
    )
    assert response.status_code == 302
    assert list(report.sections.values_list("title_en", flat=True))[-1] == "IoT Valley"
