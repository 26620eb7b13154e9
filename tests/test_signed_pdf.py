"""Signed PDFs (ký số): signer and signing time read from each signature's CMS data; a signature made
before the document's date (NG020) or by someone other than the signer block's name (VB020) is a
finding; an agency's seal certificate is not taken for the signer.

The signed PDFs are made here: fpdf2 draws the report, cryptography makes a self-signed certificate,
asn1crypto wraps it with a signing time into a CMS SignedData, and pypdf puts it in a signature field
(the signature value is not a real one: the checker reads what a signature says, it does not verify it).
"""

from __future__ import annotations

import datetime as dt
import io

import pytest

from checker import check
from checker.ingest.signature import VIETNAM, DigitalSignature, _pdf_date, read_signatures

REPORT = """UBND HUYỆN MINH SƠN
PHÒNG NỘI VỤ

Số: 32/BC-PNV

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Minh Sơn, ngày 05 tháng 10 năm 2022

BÁO CÁO

Tình hình thực hiện nhiệm vụ quý III năm 2022

Phòng Nội vụ báo cáo kết quả thực hiện nhiệm vụ quý III như sau.

Nơi nhận:
- UBND huyện;
- Lưu: VT.

TRƯỞNG PHÒNG

Trần Thị Bình
"""


def _cms(common_name: str, signed_at: dt.datetime, organisation: str | None = None) -> bytes:
    from asn1crypto import algos, cms, core, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    attrs = [cx509.NameAttribute(NameOID.COUNTRY_NAME, "VN"), cx509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organisation:
        attrs.insert(1, cx509.NameAttribute(NameOID.ORGANIZATION_NAME, organisation))
    name = cx509.Name(attrs)
    cert = (
        cx509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(cx509.random_serial_number())
        .not_valid_before(dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc))
        .not_valid_after(dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc))
        .sign(key, hashes.SHA256())
    )
    a_cert = x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))
    signed_attrs = cms.CMSAttributes([
        cms.CMSAttribute({"type": "content_type", "values": ["data"]}),
        cms.CMSAttribute({"type": "signing_time", "values": [cms.Time({"utc_time": core.UTCTime(signed_at)})]}),
    ])
    signer = cms.SignerInfo({
        "version": "v1",
        "sid": cms.SignerIdentifier({"issuer_and_serial_number": cms.IssuerAndSerialNumber(
            {"issuer": a_cert.issuer, "serial_number": a_cert.serial_number})}),
        "digest_algorithm": algos.DigestAlgorithm({"algorithm": "sha256"}),
        "signed_attrs": signed_attrs,
        "signature_algorithm": algos.SignedDigestAlgorithm({"algorithm": "sha256_ecdsa"}),
        "signature": b"\x00" * 64,  # not verified by the checker
    })
    signed = cms.SignedData({
        "version": "v1",
        "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
        "encap_content_info": {"content_type": "data"},
        "certificates": [a_cert],
        "signer_infos": [signer],
    })
    return cms.ContentInfo({"content_type": "signed_data", "content": signed}).dump()


def _report_pdf(text: str) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.add_font("dejavu", fname="/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
    pdf.set_font("dejavu", size=12)
    for line in text.split("\n"):
        pdf.multi_cell(0, 7, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def signed_pdf(text: str, signatures: list[tuple[str, dt.datetime, str | None]]) -> bytes:
    """The report as a PDF with one signature field per (common name, signing time, organisation)."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import (
        ArrayObject,
        ByteStringObject,
        DictionaryObject,
        NameObject,
        NumberObject,
        TextStringObject,
    )

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(_report_pdf(text))))
    fields = ArrayObject()
    for k, (cn, when, org) in enumerate(signatures):
        value = DictionaryObject({
            NameObject("/Type"): NameObject("/Sig"),
            NameObject("/Filter"): NameObject("/Adobe.PPKLite"),
            NameObject("/SubFilter"): NameObject("/adbe.pkcs7.detached"),
            NameObject("/M"): TextStringObject(when.astimezone(VIETNAM).strftime("D:%Y%m%d%H%M%S+07'00'")),
            NameObject("/Contents"): ByteStringObject(_cms(cn, when, org) + b"\x00" * 64),
        })
        widget = DictionaryObject({
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): TextStringObject(f"chu-ky-{k}"),
            NameObject("/V"): writer._add_object(value),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
            NameObject("/F"): NumberObject(132),
        })
        ref = writer._add_object(widget)
        writer.pages[0].setdefault(NameObject("/Annots"), ArrayObject()).append(ref)
        fields.append(ref)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): fields, NameObject("/SigFlags"): NumberObject(3)}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2022, 10, day, hour, 30, tzinfo=VIETNAM)


def test_signer_and_time_are_read_from_the_signature() -> None:
    data = signed_pdf(REPORT, [("Trần Thị Bình", _at(5), None), ("Phòng Nội vụ huyện Minh Sơn", _at(5, 14), "UBND huyện")])
    sigs = read_signatures(data)
    assert [(s.signer, s.local_date, s.personal) for s in sigs] == [
        ("Trần Thị Bình", dt.date(2022, 10, 5), True),
        ("Phòng Nội vụ huyện Minh Sơn", dt.date(2022, 10, 5), False),
    ]
    report = check(data, name="ky-so.pdf")
    assert report.error is None, report.error
    assert not [f for f in report.findings if f.rule in ("NG020", "VB020")]


def test_signed_before_the_document_date() -> None:
    report = check(signed_pdf(REPORT, [("Trần Thị Bình", _at(3), None)]), name="ky-truoc.pdf")
    found = [f for f in report.findings if f.rule == "NG020"]
    assert len(found) == 1 and "03/10/2022" in found[0].message and "05/10/2022" in found[0].message
    assert found[0].category == "date"


def test_signing_late_in_the_evening_utc_is_the_next_day_in_vietnam() -> None:
    # 20:00 UTC on the 4th is 03:00 on the 5th in Hà Nội: the same day as the document, no finding
    late = dt.datetime(2022, 10, 4, 20, 0, tzinfo=dt.timezone.utc)
    report = check(signed_pdf(REPORT, [("Trần Thị Bình", late, None)]), name="ky-dem.pdf")
    assert not [f for f in report.findings if f.rule == "NG020"]


def test_signed_by_someone_else() -> None:
    report = check(signed_pdf(REPORT, [("Nguyễn Văn An", _at(5), None)]), name="nguoi-khac.pdf")
    found = [f for f in report.findings if f.rule == "VB020"]
    assert len(found) == 1 and "Nguyễn Văn An" in found[0].message and "Trần Thị Bình" in found[0].message


def test_only_the_agency_seal_signed_is_not_a_finding() -> None:
    report = check(signed_pdf(REPORT, [("Sở Nội vụ tỉnh", _at(5), "UBND tỉnh")]), name="chi-co-dau.pdf")
    assert not [f for f in report.findings if f.rule == "VB020"]


def test_names_compare_without_case_or_tone_placement() -> None:
    report = check(signed_pdf(REPORT.replace("Trần Thị Bình", "Lê Thị Thúy"), [("LÊ THỊ THÚY", _at(5), None)]),
                   name="hoa.pdf")
    assert not [f for f in report.findings if f.rule == "VB020"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("D:20221003111641+07'00'", dt.datetime(2022, 10, 3, 11, 16, 41, tzinfo=VIETNAM)),
        ("D:20221003041641Z", dt.datetime(2022, 10, 3, 4, 16, 41, tzinfo=dt.timezone.utc)),
        ("D:2022", dt.datetime(2022, 1, 1, tzinfo=VIETNAM)),
        ("garbage", None),
    ],
)
def test_pdf_dates(raw: str, expected: dt.datetime | None) -> None:
    assert _pdf_date(raw) == expected


def test_unsigned_and_broken_pdfs_have_no_signatures() -> None:
    assert read_signatures(_report_pdf(REPORT)) == []
    assert read_signatures(b"%PDF-1.4 nothing") == []
    assert DigitalSignature(signer=None, organisation=None, signed_at=None, field="x").local_date is None
