"""Actor resolution, one rule per test, on short sentences written for the purpose.

The knowledge is the packaged one without its seed persons, so that these tests do not
depend on who is listed there; persons a test needs are given to it. Names are invented.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import pytest

from conftest import make_document, one
from eventwire.actors.cues import load_cues
from eventwire.actors.directory import build_directory
from eventwire.actors.knowledge import (
    Knowledge,
    KnowledgeError,
    Person,
    PersonRole,
    packaged_knowledge,
)
from eventwire.actors.resolve import resolve_actors
from eventwire.records import Mention

SOROKIN = Person(
    "Ivan Sorokin",
    ("Sorokin",),
    (
        PersonRole("president", "RUS", "GOV", "2000-05-07", "2008-05-07"),
        PersonRole("prime minister", "RUS", "GOV", "2008-05-08", "2012-05-07"),
    ),
)
REED = Person("Tom Reed", ("Reed",), (PersonRole("governor", "USA", "GOV", "2003", "2007"),))


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    """The packaged knowledge without seed persons."""
    return replace(packaged_knowledge(), persons=(), person_index=MappingProxyType({}))


@pytest.fixture
def resolve(nlp, knowledge):
    """Resolve a text, optionally with a publication date and extra persons."""

    def run(text: str, published: str | None = None, persons=()) -> list[Mention]:
        document = make_document("t", text, published)
        return resolve_actors(document, nlp(text), knowledge, persons)

    return run


def codes(mentions: list[Mention]) -> set[tuple[str | None, str | None]]:
    """The (country, sector) pairs of the mentions."""
    return {(m.country, m.sector) for m in mentions}


# ---------------------------------------------------------------- countries and groups


def test_country_name_is_the_state_without_sector(resolve) -> None:
    norway = one(resolve("Norway signed the accord."), "Norway")
    assert (norway.country, norway.sector, norway.method) == ("NOR", None, "dictionary")


def test_capital_used_as_subject_is_the_government(resolve) -> None:
    moscow = one(resolve("Moscow said the talks had failed."), "Moscow")
    assert (moscow.country, moscow.sector) == ("RUS", "GOV")


def test_capital_after_in_is_a_place_without_sector(resolve) -> None:
    amman = one(resolve("The talks took place in Amman."), "Amman")
    assert (amman.country, amman.sector) == ("JOR", None)


def test_government_metonyms_give_country_and_sector(resolve) -> None:
    found = resolve("The White House and the Pentagon disagreed with the Kremlin.")
    assert {("USA", "GOV"), ("USA", "MIL"), ("RUS", "GOV")} <= codes(found)


def test_un_security_council_is_the_un_as_an_igo(resolve) -> None:
    council = one(resolve("The U.N. Security Council met on Monday."), "U.N. Security Council")
    assert (council.kind, council.country, council.sector) == ("organisation", "UNO", "IGO")


def test_adjective_before_group_gives_country_and_sector(resolve) -> None:
    found = resolve("Egyptian police detained Syrian rebels and Ukrainian protesters.")
    assert one(found, "Egyptian police").country == "EGY"
    assert (one(found, "Syrian rebels").country, one(found, "Syrian rebels").sector) == (
        "SYR",
        "REB",
    )
    assert one(found, "Ukrainian protesters").sector == "CVL"


def test_named_government_group_takes_its_country(resolve) -> None:
    government = one(resolve("The Afghan government rejected the plan."), "The Afghan government")
    assert (government.country, government.sector, government.kind) == ("AFG", "GOV", "group")


def test_group_alone_takes_no_country(resolve) -> None:
    troops = one(resolve("Troops fired into the air."), "Troops")
    assert (troops.country, troops.sector) == (None, "MIL")


def test_group_tied_by_of_or_possessive_takes_the_country(resolve) -> None:
    assert one(resolve("The army of Chad moved north."), "The army of Chad").country == "TCD"
    assert one(resolve("Chad's army moved north."), "Chad's army").country == "TCD"


def test_lowercase_us_is_not_the_united_states(resolve) -> None:
    assert all(m.country != "USA" for m in resolve("Let us hope the talks go well."))


def test_lowercase_turkey_is_not_turkey(resolve) -> None:
    assert all(m.country != "TUR" for m in resolve("The family ate turkey at the feast."))


def test_hyphenated_pair_names_both_countries(resolve) -> None:
    found = resolve("U.S.-Russian talks resumed in Geneva.")
    assert {(m.text, m.country) for m in found} >= {("U.S.", "USA"), ("Russian", "RUS")}


def test_country_after_anti_names_no_actor(resolve) -> None:
    assert all(m.country != "USA" for m in resolve("The anti-American rally grew."))


def test_dateline_city_is_a_place_not_the_government(resolve) -> None:
    found = resolve("BEIJING (Xinhua) - Officials met on Monday.")
    assert one(found, "BEIJING").sector is None


def test_place_inside_a_longer_name_is_not_the_place(resolve) -> None:
    found = resolve("He told the Moscow News that prices rose.")
    assert all(m.country != "RUS" for m in found)


# ---------------------------------------------------------------- titled persons


def test_title_with_adjective_gives_country_and_role(resolve) -> None:
    found = one(
        resolve("Peruvian President Carlos Mendoza arrived."), "Peruvian President Carlos Mendoza"
    )
    assert (found.kind, found.method, found.name) == ("person", "title", "Carlos Mendoza")
    assert (found.country, found.sector, found.role, found.role_time) == (
        "PER",
        "GOV",
        "president",
        "current",
    )


def test_title_with_of_country_after_the_name(resolve) -> None:
    found = resolve("Prime Minister Anna Berg of Sweden spoke first.")
    berg = one(found, "Prime Minister Anna Berg of Sweden")
    assert (berg.country, berg.role) == ("SWE", "prime minister")
    assert not [m for m in found if m.kind == "country"]


def test_appositive_title_gives_role_and_country(resolve) -> None:
    found = resolve("Sheikh Khalid bin Saad al-Nuri, the emir of Kuwait, arrived on Monday.")
    [emir] = [m for m in found if m.kind == "person"]
    assert (emir.name, emir.country, emir.role) == ("Khalid bin Saad al-Nuri", "KWT", "emir")


def test_metonym_before_title_gives_country(resolve) -> None:
    reed = one(
        resolve("White House spokesman Tom Reed declined."), "White House spokesman Tom Reed"
    )
    assert (reed.country, reed.sector, reed.role) == ("USA", "GOV", "spokesperson")


def test_spokesperson_takes_the_sector_of_the_body_named(resolve) -> None:
    reed = one(resolve("Pentagon spokesman Tom Reed declined."), "Pentagon spokesman Tom Reed")
    assert (reed.country, reed.sector) == ("USA", "MIL")


def test_party_before_title_gives_country(resolve) -> None:
    reed = one(
        resolve("Republican challenger Tom Reed conceded."), "Republican challenger Tom Reed"
    )
    assert (reed.country, reed.sector, reed.role) == ("USA", "OPP", "challenger")


def test_national_envoy_at_an_organisation_keeps_country_and_sector(resolve) -> None:
    found = resolve("Anna Berg, Sweden's UN envoy, spoke first.")
    [berg] = [m for m in found if m.kind == "person"]
    assert (berg.country, berg.sector, berg.role) == ("SWE", "GOV", "envoy")


def test_organisation_with_a_group_appositive_is_no_person(resolve) -> None:
    found = resolve("The FDC, Uganda's main opposition party, boycotted the vote.")
    assert not [m for m in found if m.kind == "person"]


def test_then_president_is_a_former_role(resolve) -> None:
    text = "The pact was signed with then-President Ivan Sorokin of Russia in 2009."
    found = one(resolve(text, "2015-06-01"), "then-President Ivan Sorokin of Russia")
    assert (found.role, found.role_time, found.as_of) == ("president", "former", "2009")
    assert (found.country, found.sector) == ("RUS", "GOV")


def test_former_president_is_an_elite_without_date(resolve) -> None:
    text = "Former President Ivan Sorokin of Russia criticised the plan."
    found = one(resolve(text), "Former President Ivan Sorokin of Russia")
    assert (found.role, found.role_time, found.sector, found.as_of) == (
        "president",
        "former",
        "ELI",
        None,
    )


def test_president_elect_is_a_role_to_come(resolve) -> None:
    found = one(
        resolve("Russian President-elect Ivan Sorokin thanked voters."),
        "Russian President-elect Ivan Sorokin",
    )
    assert (found.role, found.role_time, found.country) == ("president", "elect", "RUS")


def test_title_without_country_takes_the_dateline_country(resolve) -> None:
    text = "KABUL (Reuters) - Foreign Minister Ahmad Zaki said on Monday the talks would go on."
    zaki = one(resolve(text), "Foreign Minister Ahmad Zaki")
    assert (zaki.country, zaki.role) == ("AFG", "foreign minister")
    assert zaki.confidence < 0.9


def test_title_without_country_takes_the_directory_country(resolve) -> None:
    zaki = Person("Ahmad Zaki", (), (PersonRole("foreign minister", "AFG", "GOV", "2010"),))
    found = resolve("Foreign Minister Ahmad Zaki met reporters.", "2012-01-05", [zaki])
    found_zaki = one(found, "Foreign Minister Ahmad Zaki")
    assert found_zaki.country == "AFG" and found_zaki.confidence < 0.9


def test_unnamed_title_with_possessive_country(resolve) -> None:
    minister = one(
        resolve("Norway's foreign minister said the talks failed."), "Norway's foreign minister"
    )
    assert (minister.kind, minister.name, minister.country, minister.role) == (
        "person",
        None,
        "NOR",
        "foreign minister",
    )


def test_his_spokesman_takes_the_country_of_the_subject(resolve) -> None:
    found = resolve("Peruvian President Carlos Mendoza has left, his spokesman said.")
    spokesman = one(found, "his spokesman")
    assert (spokesman.country, spokesman.role, spokesman.name) == ("PER", "spokesperson", None)


def test_title_word_inside_a_company_name_makes_no_person(resolve) -> None:
    found = resolve("General Motors Chairman Tom Reed resigned.")
    assert all(m.role != "general" for m in found)


# ---------------------------------------------------------------- the person directory


def test_bare_name_resolves_through_the_directory_at_publication(resolve) -> None:
    found = one(
        resolve("Ivan Sorokin said the plan would work.", "2010-05-01", [SOROKIN]), "Ivan Sorokin"
    )
    assert (found.method, found.country, found.role, found.as_of) == (
        "knowledge_base",
        "RUS",
        "prime minister",
        "2010-05-01",
    )


def test_bare_name_without_date_takes_the_latest_role_less_surely(resolve) -> None:
    dated = one(resolve("Ivan Sorokin said no.", "2010-05-01", [SOROKIN]), "Ivan Sorokin")
    undated = one(resolve("Ivan Sorokin said no.", None, [SOROKIN]), "Ivan Sorokin")
    assert undated.role == "prime minister" and undated.as_of is None
    assert undated.confidence < dated.confidence


def test_bare_name_at_a_year_takes_the_role_held_longest_that_year(resolve) -> None:
    found = one(resolve("Ivan Sorokin said no.", "2008", [SOROKIN]), "Ivan Sorokin")
    assert found.role == "prime minister"


def test_surname_is_not_matched_as_a_common_word(resolve) -> None:
    rice = Person("Tom Rice", ("Rice",), (PersonRole("senator", "USA", "LEG", "2010"),))
    assert not [
        m for m in resolve("Rice prices rose sharply.", "2012-01-01", [rice]) if m.kind == "person"
    ]


def test_a_prebuilt_directory_can_be_passed(resolve, knowledge) -> None:
    directory = build_directory(knowledge, [SOROKIN])
    found = one(resolve("Ivan Sorokin said no.", "2010-05-01", directory), "Ivan Sorokin")
    assert found.country == "RUS"


# ---------------------------------------------------------------- in-document coreference


def test_later_surname_refers_to_the_titled_person(resolve) -> None:
    found = resolve("Peruvian President Carlos Mendoza arrived on Monday. Mendoza met the press.")
    first, later = one(found, "Peruvian President Carlos Mendoza"), one(found, "Mendoza")
    assert (later.method, later.country, later.role) == ("coreference", "PER", "president")
    assert found[later.antecedent] == first


def test_surname_after_a_past_title_does_not_keep_the_past_role(resolve) -> None:
    text = (
        "The pact was signed with then-President Ivan Sorokin of Russia in 2009. "
        "Sorokin now runs a bank."
    )
    later = one(resolve(text, "2015-06-01"), "Sorokin")
    assert (later.country, later.role_time, later.as_of) == ("RUS", "current", None)
    assert later.role != "president"


def test_role_description_refers_to_the_named_leader_of_its_country(resolve) -> None:
    text = (
        "Russian President Ivan Sorokin met Peruvian President Carlos Mendoza. "
        "Later the Russian leader left for Moscow."
    )
    found = resolve(text)
    leader = one(found, "the Russian leader")
    assert (leader.method, leader.name, leader.country) == ("coreference", "Ivan Sorokin", "RUS")


def test_the_president_refers_to_the_subject_before(resolve) -> None:
    found = resolve(
        "President Carlos Mendoza of Peru arrived in Lima. The president thanked his hosts."
    )
    president = one(found, "The president")
    assert (president.method, president.name, president.country) == (
        "coreference",
        "Carlos Mendoza",
        "PER",
    )


def test_description_of_another_country_is_not_linked(resolve) -> None:
    found = resolve("Peruvian President Carlos Mendoza arrived. The Chilean leader stayed away.")
    chilean = one(found, "The Chilean leader")
    assert (chilean.method, chilean.name, chilean.country) == ("title", None, "CHL")


def test_former_governor_refers_only_to_a_known_governor(resolve) -> None:
    text = "Tom Reed lost the race to Carlos Mendoza. The former Ohio governor conceded."
    found = resolve(text, "2012-11-07", [REED])
    governor = one(found, "The former Ohio governor")
    assert (governor.name, governor.role, governor.role_time) == ("Tom Reed", "governor", "former")


def test_party_description_refers_to_a_person_of_that_party_country(resolve) -> None:
    text = (
        "Peruvian President Carlos Mendoza spoke to White House spokesman Tom Reed. "
        "Mendoza congratulated the Democrat."
    )
    democrat = one(resolve(text), "the Democrat")
    assert (democrat.method, democrat.name, democrat.country) == ("coreference", "Tom Reed", "USA")


def test_pronoun_after_resolved_subject_takes_it(resolve) -> None:
    found = resolve(
        "Peruvian President Carlos Mendoza arrived on Monday. He said the talks went well."
    )
    pronoun = one(found, "He")
    assert (pronoun.method, pronoun.name, pronoun.country) == (
        "coreference",
        "Carlos Mendoza",
        "PER",
    )
    assert found[pronoun.antecedent].name == "Carlos Mendoza"


def test_pronoun_in_a_complement_is_the_governing_subject(resolve) -> None:
    text = (
        "After Chilean President Ana Ruiz spoke, Peruvian President Carlos Mendoza "
        "made clear he wanted a deal."
    )
    assert one(resolve(text), "he").name == "Carlos Mendoza"


def test_pronoun_with_two_possible_persons_stays_unresolved(resolve) -> None:
    text = "Peruvian President Carlos Mendoza told Chilean President Ana Ruiz that he would return."
    assert all(m.text != "he" for m in resolve(text))


def test_pronoun_after_a_quote_takes_the_speaker_not_the_quoted_subject(resolve) -> None:
    text = (
        "\u201cRuiz is a reliable partner,\u201d Peruvian President Carlos Mendoza added. "
        "\u201cWe will meet again,\u201d he said."
    )
    pronoun = one(resolve(text), "he")
    assert pronoun.name == "Carlos Mendoza"


# ---------------------------------------------------------------- records and data


def test_mentions_point_at_their_characters_and_sentence(resolve, nlp) -> None:
    text = "Russian President Ivan Sorokin spoke. U.S.-Russian ties improved, Moscow said."
    found = resolve(text)
    sentences = list(nlp(text).sents)
    for mention in found:
        assert text[mention.start : mention.end] == mention.text
        assert sentences[mention.sentence].start_char <= mention.start
        assert 0.0 <= mention.confidence <= 1.0
    assert [m.start for m in found] == sorted(m.start for m in found)


def test_a_user_cues_file_may_change_a_confidence(tmp_path: Path) -> None:
    user = tmp_path / "cues.toml"
    user.write_text("[confidence]\npronoun = 0.5\n", encoding="utf-8")
    assert load_cues(user).confidence.pronoun == 0.5
    user.write_text("[confidence]\npronoun = 1.5\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="E311"):
        load_cues(user)


# ---------------------------------------------------------------- countries the text ties


def test_group_without_country_takes_the_country_of_its_sentence(resolve) -> None:
    police = one(resolve("Police in Kenya fired tear gas at the protesters."), "the protesters")
    assert (police.country, police.sector) == ("KEN", "CVL")
    assert police.confidence < 0.6


def test_group_takes_the_story_country_from_earlier_sentences(resolve) -> None:
    text = (
        "Chile's government faces a general strike. Chilean unions want higher wages. "
        "The police said the opposition had planned the unrest."
    )
    found = resolve(text)
    assert one(found, "The police").country == "CHL"
    assert one(found, "the opposition").country == "CHL"


def test_group_in_a_story_split_between_countries_keeps_no_country(resolve) -> None:
    text = "Officials of Peru, Chile, Bolivia and Ecuador met. The police were not present."
    assert one(resolve(text), "The police").country is None


def test_story_country_prefers_words_near_the_mention(resolve) -> None:
    text = (
        "The army of Ruritania surrounded the town in Chad on Monday after rebels fled, "
        "an official from the Peruvian embassy said."
    )
    assert one(resolve(text), "rebels").country == "TCD"


def test_plural_of_several_countries_takes_no_story_country(resolve) -> None:
    text = "Kenya hosted the summit. The governments agreed on a plan."
    assert one(resolve(text), "The governments").country is None


def test_press_and_ngos_take_no_story_country(resolve) -> None:
    text = "Kenya's president spoke to reporters."
    assert one(resolve(text), "reporters").country is None


def test_its_group_takes_the_country_of_the_clause_subject(resolve) -> None:
    text = "The clashes prompted Bangkok to urge its citizens to leave Cambodia."
    assert one(resolve(text), "citizens").country == "THA"


def test_their_group_in_a_reported_clause_takes_the_speaker(resolve) -> None:
    text = "Bosnian Serbs said on Tuesday their forces had completed the withdrawal from Chad."
    forces = one(resolve(text), "forces")
    assert (forces.country, forces.sector) == ("BIH", "MIL")


def test_its_group_of_an_organisation_acts_for_it(resolve) -> None:
    aircraft = one(resolve("NATO said its aircraft struck a frigate in Tripoli."), "aircraft")
    assert (aircraft.country, aircraft.sector) == ("NAT", "IGO")


def test_title_without_country_takes_the_country_of_its_sentence(resolve) -> None:
    text = (
        "Chile expels U.S. envoy\n\n(WASHINGTON) -- Chile asked the U.S. envoy to leave. "
        "Chile's foreign minister said the envoy had accused national police commander "
        "Juan Soto of corruption."
    )
    soto = one(resolve(text), "police commander Juan Soto")
    assert (soto.country, soto.sector) == ("CHL", "COP")


def test_named_armed_group_has_its_country_and_rebel_sector(resolve) -> None:
    found = resolve("Boko Haram attacked a village while the Taliban and Hamas held talks.")
    assert (one(found, "Boko Haram").country, one(found, "Boko Haram").sector) == ("NGA", "REB")
    assert one(found, "Taliban").country == "AFG"
    assert one(found, "Hamas").country == "PSE"


def test_named_armed_group_before_a_group_noun_gives_its_country(resolve) -> None:
    rebels = one(resolve("Troops killed 13 FARC rebels."), "FARC rebels")
    assert (rebels.country, rebels.sector) == ("COL", "REB")


# ---------------------------------------------------------------- pronouns and counterparts


def test_object_pronoun_is_not_the_subject_of_its_verb(resolve) -> None:
    found = resolve(
        "Russian President Ivan Sorokin spoke on Monday. Tom Reed thanked him.", persons=[REED]
    )
    him = one(found, "him")
    assert (him.name, him.country) == ("Ivan Sorokin", "RUS")


def test_object_pronoun_referring_to_the_subject_stays_unresolved(resolve) -> None:
    found = resolve("Russian President Ivan Sorokin spoke on Monday. He thanked him.")
    assert not [m for m in found if m.text == "him"]


def test_possessive_pronoun_with_one_person_takes_that_person(resolve) -> None:
    found = resolve("Russian President Ivan Sorokin thanked voters for his re-election.")
    his = one(found, "his")
    assert (his.name, his.country, his.method) == ("Ivan Sorokin", "RUS", "coreference")


def test_possessive_pronoun_between_two_persons_stays_unresolved(resolve) -> None:
    text = "Kenyan President Ali Baraka congratulated opposition leader Jean Mbeki on his victory."
    assert not [m for m in resolve(text) if m.text == "his"]


def test_plural_pronouns_refer_to_the_group_named_before(resolve) -> None:
    found = resolve("Palestinian leaders said they would boycott the talks.")
    assert one(found, "they").country == "PSE"
    found = resolve("President Carlos Mendoza met the Peruvian protesters and thanked them.")
    assert (one(found, "them").country, one(found, "them").sector) == ("PER", "CVL")


def test_counterpart_holds_the_office_of_the_possessor_in_its_own_country(resolve) -> None:
    text = "Chilean Prime Minister Ana Ruiz and her Peruvian counterpart, Luis Soto, met."
    soto = one(resolve(text), "her Peruvian counterpart, Luis Soto")
    assert (soto.country, soto.role, soto.sector) == ("PER", "prime minister", "GOV")


def test_unnamed_counterpart_keeps_its_own_country(resolve) -> None:
    found = resolve("Foreign Minister Ana Ruiz of Chile met her Peruvian counterpart.")
    counterpart = one(found, "her Peruvian counterpart")
    assert (counterpart.country, counterpart.role) == ("PER", "foreign minister")


def test_president_elect_is_not_a_sitting_president(resolve) -> None:
    text = (
        "South African President Ali Baraka congratulated opposition leader Jean Mbeki of "
        "Gabon. The union welcomed Mbeki's victory, saying all should support the president-elect."
    )
    elect = one(resolve(text), "the president-elect")
    assert (elect.country, elect.name, elect.role_time) == ("GAB", "Jean Mbeki", "elect")


# ---------------------------------------------------------------- headlines


def test_a_title_case_headline_cuts_the_name_where_the_directory_knows_it(resolve) -> None:
    text = "President Sorokin Thanks World Leaders\n\nSorokin spoke to reporters on Tuesday."
    mentions = resolve(text, "2005-03-01", persons=[SOROKIN])
    headline = mentions[0]
    assert (headline.text, headline.country, headline.name) == (
        "President Sorokin",
        "RUS",
        "Ivan Sorokin",
    )


def test_it_stands_for_the_organisation_named_before(resolve) -> None:
    text = "The African Union postponed its visit. On Friday, it called on Kenya to help."
    it = one(resolve(text), "it")
    assert (it.country, it.sector, it.method) == ("AFU", "IGO", "coreference")


def test_a_dummy_it_stands_for_no_one(resolve) -> None:
    text = "The African Union postponed its visit. It is expected that Kenya will help."
    assert all(m.text != "It" for m in resolve(text))


def test_it_takes_no_actor_buried_in_the_sentence_before(resolve) -> None:
    text = (
        "Kenya closed its border. The statement did not explain how Uganda reacted. "
        "It later reopened the crossing."
    )
    assert all(m.text != "It" for m in resolve(text))


def test_its_in_a_reported_clause_is_the_reporter_s_not_a_plural_subject_s(resolve) -> None:
    its = one(resolve("The Kenyan army said the rebels attacked its positions."), "its")
    assert (its.country, its.sector) == ("KEN", "MIL")


def test_a_government_named_after_its_leader_is_the_leader_s_country(resolve) -> None:
    text = (
        "Peruvian President Carlos Mendoza met reporters. "
        "Chile is ready to work with the Mendoza administration."
    )
    mentions = resolve(text)
    government = next(m for m in mentions if m.text.endswith("administration"))
    assert (government.country, government.sector) == ("PER", "GOV")


def test_a_group_word_inside_a_longer_name_is_still_no_government(resolve) -> None:
    assert all(m.text != "News" for m in resolve("He told the Moscow News on Friday."))


def test_a_plural_demonym_after_a_capitalised_word_is_still_people(resolve) -> None:
    algerians = one(resolve("Young Algerians blocked roads on Sunday."), "Algerians")
    assert algerians.country == "DZA"
