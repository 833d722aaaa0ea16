from ewarong_desktop.reports.verification import (
    code_for_record,
    code_matches,
    normalize_code,
    qr_payload,
    verification_code,
)

RECORD = {
    "id": "3f2a9c1e-5b7d-4e2f-9a31-0c6d8e4b2f17",
    "beneficiary_id": "9d1c0b7a-2e3f-4a5b-8c6d-7e8f9a0b1c2d",
    "period": "2020-05",
    "lines": [
        {"product_id": "p1", "quantity": "10", "unit_price_rupiah": 11500, "total_rupiah": 115000},
        {"product_id": "p2", "quantity": "0.5", "unit_price_rupiah": 22000, "total_rupiah": 11000},
    ],
    "total_rupiah": 126000,
    "edc_reference": "000123",
    "status": "completed",
    "version": 1,
}


def test_code_shape_starts_with_the_record_id():
    code = code_for_record(RECORD)
    assert len(code) == 14 and code[4] == code[9] == "-"
    assert code.startswith("3F2A-")
    assert not set(code[5:]) & set("ILOU")


def test_code_ignores_line_order_status_and_quantity_spelling():
    reordered = dict(RECORD, lines=list(reversed(RECORD["lines"])), status="voided", version=2)
    reordered["lines"][0] = dict(reordered["lines"][0], quantity="0.500")
    assert code_for_record(reordered) == code_for_record(RECORD)


def test_code_changes_when_what_was_handed_over_changes():
    more = dict(RECORD, total_rupiah=126001)
    other_edc = dict(RECORD, edc_reference=None)
    line = dict(RECORD["lines"][0], quantity="11")
    other_quantity = dict(RECORD, lines=[line, RECORD["lines"][1]])
    codes = {code_for_record(r) for r in (RECORD, more, other_edc, other_quantity)}
    assert len(codes) == 4


def test_keyword_form_equals_record_form():
    assert verification_code(
        redemption_id=RECORD["id"],
        beneficiary_id=RECORD["beneficiary_id"],
        period="2020-05",
        lines=RECORD["lines"],
        total_rupiah=126000,
        edc_reference="000123",
    ) == code_for_record(RECORD)


def test_typed_code_is_forgiven_case_spaces_and_lookalikes():
    code = code_for_record(RECORD)
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert normalize_code(typed) == code
    assert code_matches(typed, RECORD)
    assert not code_matches(code[:-1] + ("0" if code[-1] != "0" else "1"), RECORD)


def test_qr_payload_names_the_warong_and_the_record():
    assert qr_payload("LTM-01", RECORD["id"], "3F2A-AAAA-BBBB") == (
        f"EWR1|LTM-01|{RECORD['id']}|3F2A-AAAA-BBBB"
    )


def test_verification_imports_without_reportlab():
    """The district recomputes codes without the printing stack."""
    import subprocess
    import sys

    code = (
        "import sys; import ewarong_desktop.reports.verification, ewarong_desktop.reports.data; "
        "print(any(m.startswith(('reportlab', 'openpyxl')) for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
