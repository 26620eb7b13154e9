"""Digital signatures of a PDF (ký số): who signed and when, read from each signature's CMS data.

pypdf finds the signature fields (`/FT /Sig`) and their `/Contents`; asn1crypto reads the PKCS#7 /
CMS SignedData: the signer's certificate (matched by issuer and serial number) gives the name
(`common_name`), the signed `signing_time` attribute the time (the dictionary's `/M` when there is no
such attribute). Nothing is verified cryptographically: the checker compares what the signature says
with what the document says (its date, its signer block), as a reviewer reading the signature panel.

Vietnamese e-office practice signs twice or more: the official with a personal certificate, then the
clerk (văn thư) with the agency's certificate, whose name is the agency. `personal` tells them apart.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass

from checker.limits import MAX_SIGNATURES

VIETNAM = dt.timezone(dt.timedelta(hours=7))
# an agency's certificate: its common name starts with what the organisation is (a person's starts
# with a family name; `Đoàn`, `Ban` are family or given names too, so they are not listed)
_ORGANISATION = re.compile(
    r"(?:sở|ủy ban|uỷ ban|ubnd|văn phòng|bộ|cục|chi cục|phòng|trung tâm|tỉnh|huyện|xã|phường|"
    r"thành phố|công ty|trường|bệnh viện|hội đồng|đảng ủy|đảng uỷ|tỉnh ủy|tỉnh uỷ|huyện ủy|huyện uỷ|"
    r"thành ủy|thành uỷ|kho bạc|cơ quan|viện|tổng cục|liên đoàn|quỹ|ngân hàng|ban quản lý|ban chỉ đạo)\b",
    re.I,
)


@dataclass(frozen=True)
class DigitalSignature:
    """A digital signature found in a file: signer, organisation, time and field."""
    signer: str | None  # the certificate's common name
    organisation: str | None
    signed_at: dt.datetime | None  # timezone-aware
    field: str

    @property
    def personal(self) -> bool:
        """A person's certificate (the official who signs), not the agency's seal certificate."""
        return bool(self.signer) and not _ORGANISATION.match((self.signer or "").strip())

    @property
    def local_date(self) -> dt.date | None:
        return self.signed_at.astimezone(VIETNAM).date() if self.signed_at else None


def _pdf_date(value: object) -> dt.datetime | None:
    """`D:20221003111641+07'00'` → an aware datetime (PDF date strings, ISO 32000 §7.9.4)."""
    m = re.match(r"D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz+-])?(\d{2})?'?(\d{2})?", str(value or ""))
    if not m:
        return None
    year, month, day, hour, minute, second = (int(g) if g else d for g, d in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0)))
    sign, tz_h, tz_m = m.group(7), int(m.group(8) or 0), int(m.group(9) or 0)
    offset = dt.timedelta(hours=tz_h, minutes=tz_m) * (-1 if sign == "-" else 1)
    try:
        return dt.datetime(year, month, day, hour, minute, second, tzinfo=dt.timezone(offset) if sign else VIETNAM)
    except ValueError:
        return None


def _der(data: bytes) -> bytes:
    """The DER value at the start of `data`: /Contents is zero-padded to the space reserved for it, and
    the signature's own last bytes may be zeros too, so the length is read from the header."""
    if len(data) < 2:
        return data
    first = data[1]
    if first < 0x80:
        return data[: 2 + first]
    count = first & 0x7F
    return data[: 2 + count + int.from_bytes(data[2 : 2 + count], "big")]


def _from_cms(contents: bytes) -> tuple[str | None, str | None, dt.datetime | None]:
    from asn1crypto import cms

    info = cms.ContentInfo.load(_der(contents))
    signed = info["content"]
    signer_info = signed["signer_infos"][0]
    sid = signer_info["sid"]
    certs = [c.chosen for c in signed["certificates"] if c.name == "certificate"] if signed["certificates"] else []
    cert = None
    if sid.name == "issuer_and_serial_number":
        serial = sid.chosen["serial_number"].native
        cert = next((c for c in certs if c.serial_number == serial), None)
    cert = cert or (certs[0] if certs else None)
    name = org = None
    if cert is not None:
        subject = cert.subject.native
        name, org = subject.get("common_name"), subject.get("organization_name")
        name = name[0] if isinstance(name, list) else name
        org = org[0] if isinstance(org, list) else org
    when = None
    for attr in signer_info["signed_attrs"] or []:
        if attr["type"].native == "signing_time":
            when = attr["values"][0].native
    return name, org, when


def read_signatures(data: bytes) -> list[DigitalSignature]:
    """Every signature field that holds a signature; [] for an unsigned or unreadable PDF."""
    buffer = io.BytesIO(data)
    try:
        from pypdf import PdfReader

        reader = PdfReader(buffer, strict=False)
        fields = reader.get_fields() or {}
    except Exception:  # noqa: BLE001 - a PDF whose form cannot be read simply shows no signature
        buffer.close()
        return []
    out: list[DigitalSignature] = []
    for field_name, value in fields.items():
        if len(out) >= MAX_SIGNATURES:
            break
        try:
            if value.get("/FT") != "/Sig" or "/V" not in value:
                continue
            sig = value["/V"].get_object()
            when = _pdf_date(sig.get("/M"))
            name = org = None
            contents = sig.get("/Contents")
            if contents:
                name, org, cms_when = _from_cms(bytes(contents))
                when = cms_when or when
            if name is None and sig.get("/Name"):
                name = str(sig.get("/Name"))
            if when is not None and when.tzinfo is None:
                when = when.replace(tzinfo=dt.timezone.utc)
            out.append(DigitalSignature(signer=name, organisation=org, signed_at=when, field=str(field_name)))
        except Exception:  # noqa: BLE001 - one damaged signature does not hide the others
            continue
    buffer.close()  # pypdf made the buffer copy the file (getbuffer): that copy goes now
    return out
