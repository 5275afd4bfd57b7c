"""The actor knowledge base across documents: learning persons, user corrections, conflicts."""

from __future__ import annotations

import pytest

from eventwire.actors import kb
from eventwire.records import Mention
from eventwire.store.actors import NoSuchActor


def titled(
    doc_id: str,
    name: str,
    country: str | None = "RUS",
    role: str = "president",
    sector: str = "GOV",
    start: int = 0,
    **fields,
) -> Mention:
    """A titled person mention, as the resolver gives it."""
    text = f"{role.title()} {name}"
    return Mention(
        doc_id=doc_id,
        sentence=0,
        start=start,
        end=start + len(text),
        text=text,
        kind="person",
        method="title",
        confidence=0.9,
        country=country,
        sector=sector,
        name=name,
        role=role,
        **fields,
    )


def kb_tables(store) -> dict[str, list[tuple]]:
    """Every row of the knowledge-base tables, for before/after comparisons."""
    return {
        table: store.con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
        for table in ("actors", "actor_aliases", "actor_roles", "actor_conflicts", "mentions")
    }


def test_a_titled_mention_creates_a_person_with_role_and_dates(store):
    result = store.learn_persons([titled("d1", "Vladimir Putin")], "2012-11-07")
    assert result.created == ["vladimir-putin"]
    putin = store.actor("vladimir-putin")
    assert (putin["name"], putin["country"], putin["sector"], putin["origin"]) == (
        "Vladimir Putin",
        "RUS",
        "GOV",
        "learned",
    )
    assert putin["aliases"] == ["Putin"]
    [role] = putin["roles"]
    assert (role["role"], role["first_seen"], role["last_seen"], role["doc_ids"]) == (
        "president",
        "2012-11-07",
        "2012-11-07",
        ["d1"],
    )


def test_a_later_document_extends_last_seen_and_doc_ids(store):
    store.learn_persons([titled("d1", "Vladimir Putin")], "2012-11-07")
    result = store.learn_persons([titled("d2", "Putin")], "2013-03")
    assert result.updated == ["vladimir-putin"]
    [role] = store.actor("vladimir-putin")["roles"]
    assert (role["first_seen"], role["last_seen"], role["doc_ids"]) == (
        "2012-11-07",
        "2013-03",
        ["d1", "d2"],
    )
    store.learn_persons([titled("d0", "Vladimir Putin")], "2012")
    [role] = store.actor("vladimir-putin")["roles"]
    assert role["first_seen"] == "2012" and role["doc_ids"] == ["d1", "d2", "d0"]


def test_learning_the_same_document_again_changes_nothing(store):
    mentions = [titled("d1", "Vladimir Putin"), titled("d1", "Putin", start=40)]
    store.learn_persons(mentions, "2012-11-07")
    before = kb_tables(store)
    again = store.learn_persons(mentions, "2012-11-07")
    assert again.unchanged == ["vladimir-putin"] and not again.created and not again.updated
    assert kb_tables(store) == before


def test_a_surname_titled_in_the_same_document_joins_the_full_name(store):
    store.learn_persons(
        [titled("d1", "Vladimir Putin"), titled("d1", "Putin", start=40)], "2012-11-07"
    )
    assert [a["actor_id"] for a in store.actors()] == ["vladimir-putin"]


def test_a_learned_surname_grows_into_the_full_name_seen_later(store):
    store.learn_persons([titled("d1", "Putin")], "2012-11-01")
    store.learn_persons([titled("d2", "Vladimir Putin")], "2012-11-07")
    [entry] = store.actors()
    assert entry["actor_id"] == "putin" and entry["name"] == "Vladimir Putin"
    assert store.actor("putin")["aliases"] == ["Putin"]


def test_a_user_correction_is_not_overwritten(store):
    store.learn_persons([titled("d1", "Mario Monti", country="ITA", role="senator")], "2011")
    store.correct_actor("mario-monti", country="ITA", sector="GOV", note="checked")
    store.learn_persons(
        [titled("d2", "Mario Monti", country="ITA", role="prime minister", sector="LEG")], "2012"
    )
    monti = store.actor("mario-monti")
    assert (monti["origin"], monti["sector"], monti["note"]) == ("user", "GOV", "checked")
    assert {r["role"] for r in monti["roles"]} == {"senator", "prime minister"}
    store.learn_persons([titled("d3", "Mario Monti", country="ESP")], "2013")
    assert store.actor("mario-monti")["country"] == "ITA"


def test_a_country_conflict_is_kept_and_reported(store):
    store.learn_persons([titled("d1", "Vladimir Putin")], "2012-11-07")
    result = store.learn_persons([titled("d2", "Vladimir Putin", country="UKR")], "2012-12-01")
    assert [(c.kept, c.seen, c.evidence) for c in result.conflicts] == [("RUS", "UKR", "d2")]
    assert store.actor("vladimir-putin")["country"] == "RUS"
    [role] = store.actor("vladimir-putin")["roles"]
    assert role["doc_ids"] == ["d1"]
    listed = store.conflicts()
    assert [(c["actor_id"], c["kept"], c["seen"], c["seen_on"]) for c in listed] == [
        ("vladimir-putin", "RUS", "UKR", "2012-12-01")
    ]
    store.learn_persons([titled("d2", "Vladimir Putin", country="UKR")], "2012-12-01")
    assert len(store.conflicts()) == 1
    store.correct_actor("vladimir-putin", country="RUS")
    assert store.conflicts() == [] and len(store.conflicts(include_resolved=True)) == 1


def test_mentions_are_replaced_idempotently(store):
    first = [titled("d1", "Vladimir Putin"), titled("d1", "Putin", start=40)]
    assert store.add_mentions("d1", first) == 2
    assert store.add_mentions("d1", first) == 0
    stored = store.mentions(doc_id="d1")
    assert [(m["mention"], m["name"], m["start"]) for m in stored] == [
        (0, "Vladimir Putin", 0),
        (1, "Putin", 40),
    ]
    assert store.add_mentions("d1", first[:1]) == 1
    assert [m["name"] for m in store.mentions(doc_id="d1")] == ["Vladimir Putin"]
    with pytest.raises(ValueError, match="E221"):
        store.add_mentions("d2", first)


def test_former_and_elect_roles_are_dated_by_the_text_not_the_publication(store):
    store.learn_persons(
        [
            titled("d1", "Dmitry Medvedev", role_time="former", as_of="2010"),
            titled("d1", "Dmitry Medvedev", role="prime minister", start=60),
            titled("d1", "Barack Obama", country="USA", role_time="elect", start=120),
        ],
        "2012-11-07",
    )
    roles = {(r["role"], r["first_seen"]) for r in store.actor("dmitry-medvedev")["roles"]}
    assert roles == {("president", "2010"), ("prime minister", "2012-11-07")}
    [obama] = store.actor("barack-obama")["roles"]
    assert (obama["role"], obama["first_seen"]) == ("president-elect", "2012-11-07")


def test_persons_give_the_resolver_roles_dated_by_first_and_last_seen(store):
    store.learn_persons([titled("d1", "Vladimir Putin")], "2012-11-07")
    store.learn_persons([titled("d2", "Putin")], "2013-01-15")
    store.add_actor("Ban Ki-moon", ["Ban"], "UNO", "IGO", "secretary-general", "2007-01-01")
    people = {p.name: p for p in store.persons()}
    putin = people["Vladimir Putin"]
    assert putin.aliases == ("Putin",) and kb.actor_id_of(putin) == "vladimir-putin"
    assert [(r.start, r.end) for r in putin.roles] == [("2012-11-07", "2013-01-15")]
    assert putin.roles_on("2012-12-01") and not putin.roles_on("2014-01-01")
    [ban] = people["Ban Ki-moon"].roles
    assert (ban.country, ban.start, ban.end) == ("UNO", "2007-01-01", None)


def test_actor_ids_are_stable_slugs_with_a_suffix_for_a_second_bearer(store):
    store.learn_persons([titled("d1", "Abdullah Gül", country="TUR")], "2012")
    second, created = store.add_actor("Abdullah Gül", kind="group", country="TUR")
    assert (second, created) == ("abdullah-gul-2", True)
    assert store.find_actors("abdullah-gul") == ["abdullah-gul"]
    assert store.find_actors("Abdullah Gul") == ["abdullah-gul", "abdullah-gul-2"]


def test_a_user_adds_an_entry_then_corrects_it_by_name(store):
    actor_id, created = store.add_actor(
        "Jay Carney", ["Carney"], "USA", "GOV", "spokesman", "2011-02", "2014-06"
    )
    assert (actor_id, created) == ("jay-carney", True)
    again, created = store.add_actor("Jay Carney", ["J. Carney"], sector="MED")
    assert (again, created) == ("jay-carney", False)
    carney = store.actor("jay-carney")
    assert carney["sector"] == "MED" and carney["aliases"] == ["Carney", "J. Carney"]
    with pytest.raises(ValueError, match="E222"):
        store.add_actor("Nobody", role="x", country="USA", sector="GOV", valid_from="May")
    with pytest.raises(NoSuchActor, match="E220"):
        store.correct_actor("nobody", country="USA")


def test_a_bare_surname_shared_by_two_known_persons_is_not_guessed():
    update = kb.PersonUpdate("Kim", (), "KOR", "GOV", (), "d9")
    people = [
        kb.KnownPerson("kim-dae-jung", "Dae-jung Kim", "KOR", "GOV", "import"),
        kb.KnownPerson("kim-young-sam", "Young-sam Kim", "KOR", "GOV", "import"),
    ]
    assert kb.decide(update, people).action == "skip"


def test_dates_at_different_precisions_compare_by_their_first_day():
    assert kb.earlier("2012-11-07", "2012") == "2012"
    assert kb.later("2012-11-07", "2012") == "2012-11-07"
    assert kb.later("2012-11", "2012-11-01") == "2012-11-01"
    assert kb.earlier(None, "2013") == "2013"


def test_a_version_1_store_keeps_its_actor_names_after_migration(tmp_path):
    import duckdb

    from eventwire.store import Store
    from eventwire.store.schema import migrations

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_info (version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
    con.execute(migrations()[0][1])
    con.execute("INSERT INTO schema_info VALUES (1, now())")
    con.execute(
        "INSERT INTO actors VALUES ('x', 'José Peña', 'person', 'MEX', 'GOV', "
        "'[\"Peña\"]', 'learned', now())"
    )
    con.close()
    with Store(path) as migrated:
        assert migrated.actor("x")["aliases"] == ["Peña"]
        assert migrated.find_actors("pena") == ["x"]
