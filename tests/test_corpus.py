import hashlib
from pathlib import Path

import pytest

from graphkit.corpus import find_boilerplate, load_corpus
from graphkit.errors import InputError
from graphkit.paths import project_paths

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.fixture(scope="module")
def corpus(root):
    return load_corpus(project_paths(root))


def test_five_documents_with_stable_ids(corpus):
    assert [d.id for d in corpus] == [
        "eca-2021-honoring-tip-heroes",
        "eca-2021-virtual-ivlp-blog",
        "ijm-2021-tip-report-release",
        "state-2021-tip-report",
        "meridian-2023-ivlp-tip-heroes",
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds/ is not beside this checkout")
def test_documents_are_the_seeds_byte_for_byte(corpus):
    for doc in corpus:
        assert doc.path.read_bytes() == (SEEDS / doc.path.name).read_bytes()


def test_manifest_digest_matches_bytes(corpus):
    for doc in corpus:
        assert hashlib.sha256(doc.path.read_bytes()).hexdigest() == doc.sha256


def test_manifest_metadata(corpus):
    eca = corpus["eca-2021-honoring-tip-heroes"]
    assert eca.date == "2021-07-01"
    assert eca.publisher == "bureau-of-educational-and-cultural-affairs"
    assert corpus["eca-2021-virtual-ivlp-blog"].author == "olivia-estes"
    assert corpus["eca-2021-virtual-ivlp-blog"].publisher is None
    assert corpus["meridian-2023-ivlp-tip-heroes"].date == "2023"
    assert "title" in corpus["eca-2021-virtual-ivlp-blog"].notes


def test_boilerplate_is_marked_not_removed(corpus):
    kinds = {doc.id: [s.kind for s in doc.boilerplate] for doc in corpus}
    assert kinds == {
        "eca-2021-honoring-tip-heroes": ["page-title", "status-message"],
        "eca-2021-virtual-ivlp-blog": [],
        "ijm-2021-tip-report-release": ["icon-list", "related-content"],
        "state-2021-tip-report": ["download-link", "download-link", "comment-form"],
        "meridian-2023-ivlp-tip-heroes": ["related-content"],
    }
    ijm = corpus["ijm-2021-tip-report-release"]
    article = ijm.article_text()
    assert article.startswith("International Justice Mission Welcomes Release of 2021 TIP Report")
    assert "arrow-simple-alt-top" not in article
    assert "Donor Portal" not in article
    assert "Learn more at IJMUK.org." in article
    state = corpus["state-2021-tip-report"].article_text()
    assert "WordPress.com" not in state
    assert "Trả lời" not in state
    assert state.rstrip().endswith("Kari Johnstone")
    eca = corpus["eca-2021-honoring-tip-heroes"].article_text()
    assert "Status message" not in eca
    assert "snippet files" not in eca
    # Offsets into the full text stay valid: spans slice the original text.
    for doc in corpus:
        for start, end in doc.article_spans():
            assert doc.text[start:end] in doc.text


def test_section_of_a_related_story(corpus):
    ijm = corpus["ijm-2021-tip-report-release"]
    start, end = ijm.find("UNODC and IJM hosted a joint webinar")[0]
    assert ijm.section_at(start, end) == "related-content"
    start, end = ijm.find("said Peter Williams")[0]
    assert ijm.section_at(start, end) == "article"


def test_find_matches_across_non_breaking_spaces(corpus):
    doc = corpus["eca-2021-honoring-tip-heroes"]
    ((start, end),) = doc.find("The TIP Report Heroes were honored this year")
    assert "\xa0" in doc.text[start:end]


def test_find_boilerplate_on_plain_text():
    text = "Title\n\nBody text.\n\nRelated News\nMore\n"
    spans = find_boilerplate(text)
    assert [(s.kind, text[s.start : s.end]) for s in spans] == [("related-content", "Related News\nMore\n")]


def test_changed_document_is_refused(checkout):
    doc = checkout / "data" / "corpus" / "documents" / "000_f37d178b2dfaf2a7.txt"
    doc.write_bytes(doc.read_bytes().replace(b"Heroes", b"Heros", 1))
    with pytest.raises(InputError, match=r"manifest.yaml:\d+: 000_f37d178b2dfaf2a7.txt has changed"):
        load_corpus(project_paths(checkout))
