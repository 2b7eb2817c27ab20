"""Quote passages, reporting cues and speakers on small hand-written sentences."""

from __future__ import annotations

import pytest

from newsanalyzer import analyze


def quotes(text):
    result = analyze(text)
    for q in result.quotes:
        assert text[q.start : q.end] == q.text
        for span in (q.speaker, q.cue):
            if span is not None:
                assert text[span.start : span.end] == span.text
    return result.quotes


def covering(qs, phrase, text):
    start = text.index(phrase)
    end = start + len(phrase)
    return [q for q in qs if q.start <= start and end <= q.end]


def speaker_of(text, phrase):
    found = covering(quotes(text), phrase, text)
    assert found, phrase
    return found[0]


@pytest.mark.parametrize(
    "text",
    [
        "“We will build the bridge this year,” Jane Doe said.",
        '"We will build the bridge this year," Jane Doe said.',
        "«We will build the bridge this year», Jane Doe said.",
        "„We will build the bridge this year“, Jane Doe said.",
        "''We will build the bridge this year,'' Jane Doe said.",
    ],
)
def test_every_quote_mark_style(text):
    q = speaker_of(text, "We will build the bridge this year")
    assert q.kind == "direct"
    assert q.speaker.text == "Jane Doe"
    assert q.actor == "Jane Doe"
    assert "“" not in q.text and '"' not in q.text and "''" not in q.text


def test_apostrophes_inside_words_do_not_open_quotes():
    text = "The mayor’s plan isn’t new. “It’s the city’s best chance,” Jane Doe said."
    qs = quotes(text)
    q = speaker_of(text, "It’s the city’s best chance")
    assert q.speaker.text == "Jane Doe"
    assert not covering(qs, "mayor’s plan", text)


def test_interrupted_quote_pieces_share_speaker_and_cue():
    text = "“We will win,” she said, “because we are right.” Jane Doe spoke in Ohio."
    qs = [q for q in quotes(text) if q.kind == "direct"]
    assert len(qs) == 2
    assert qs[0].speaker == qs[1].speaker and qs[0].cue == qs[1].cue
    assert qs[0].cue.text == "said"


def test_continuation_after_closing_attribution_joins_it():
    text = "“They sue,” John Smith said. “Everybody sues, right?”"
    qs = [q for q in quotes(text) if q.kind == "direct"]
    assert len(qs) == 2
    assert qs[1].speaker == qs[0].speaker and qs[1].cue == qs[0].cue


def test_multi_paragraph_quote_continues_with_the_same_speaker():
    text = (
        "“The first part of the plan is the budget,” said John Smith, the mayor.\n\n"
        "“The second part is the schedule, which we will publish next week.\n\n"
        "“The third part is the money we still have to raise.”\n"
    )
    qs = quotes(text)
    for phrase in ("The second part is the schedule", "The third part is the money"):
        q = covering(qs, phrase, text)[0]
        assert q.actor == "John Smith", phrase


def test_quote_paragraph_continues_the_report_of_the_paragraph_before():
    text = (
        "Jane Doe, the mayor, said that critics had been predicting the plan would fail for years.\n\n"
        "“That is because they never read the budget we published last spring.”\n"
    )
    q = speaker_of(text, "That is because they never read")
    assert q.speaker.text == "Jane Doe" and q.cue.text == "said"


def test_short_quote_paragraph_after_a_report_stays_unattributed():
    text = "Jane Doe, the mayor, said that the plan would fail.\n\n“Never again.”\n"
    assert not covering(quotes(text), "Never again", text)


def test_quote_ending_a_paragraph_does_not_take_the_next_paragraphs_cue():
    text = (
        "Small, who attended the rally on Wednesday, said that “Trump bagged millions of dollars and hurt the little people.”\n\n"
        "“A lot of businesses are still hurting,” he said.\n"
    )
    first = speaker_of(text, "Trump bagged millions")
    second = speaker_of(text, "A lot of businesses")
    assert second.cue.text == "said"
    assert first.cue != second.cue


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“We will not stop,” said Jane Roe of the University of Ohio.", "Jane Roe"),
        ("Jane Roe of Ohio said the financial system was “corrupt.”", "Jane Roe"),
        ("The senator from Vermont said the financial system was “corrupt,” noting that banks “pay fines.”", "senator"),
    ],
)
def test_a_place_after_of_or_from_does_not_speak(text, speaker):
    for q in quotes(text):
        assert speaker in q.speaker.text


def test_a_participle_after_the_content_reports_more_of_the_same_speaker():
    text = "The senator from Vermont said the financial system was “corrupt,” noting that banks “pay fines.”"
    said = speaker_of(text, "the financial system")
    noting = speaker_of(text, "banks")
    assert said.cue.text == "said" and noting.cue.text == "noting"
    assert "noting" not in said.text


@pytest.mark.parametrize(
    "text, first, second, cue",
    [
        ("Jane Roe said the deal has “kept us safe” on Tuesday before claiming that open borders are “a danger.”",
         "the deal has", "open borders", "claiming"),
        ("Jane Roe lit into the plan, calling it “disqualifying” and asserting that the only answer must be “a new vote.”",
         "disqualifying", "the only answer", "asserting"),
    ],
)
def test_a_participle_joined_by_a_conjunction_starts_a_new_report(text, first, second, cue):
    one, two = speaker_of(text, first), speaker_of(text, second)
    assert one.speaker.text == two.speaker.text == "Jane Roe"
    assert two.cue.text == cue and one.cue != two.cue
    assert second not in one.text


@pytest.mark.parametrize(
    "text",
    [
        "Jane Roe later referred to the recent attack and said she would “protect every citizen.”",
        "Jane Roe visited the flooded town and said the repairs would “take years.”",
    ],
)
def test_a_cue_after_and_shares_the_subject_of_the_clause(text):
    q = [q for q in quotes(text) if q.cue is not None and q.cue.text == "said"]
    assert q and q[0].speaker.text == "Jane Roe"


@pytest.mark.parametrize(
    "text, speaker",
    [
        ("“There is no data to suggest that,” said one unaligned Florida Republican strategist.", "strategist"),
        ("“It was unseemly,” said one of two witnesses who relayed the same story.", "witnesses"),
        ("“I fundamentally disagree,” said retired Army Gen. Jane Roe, who served in Iraq.", "Jane Roe"),
        ("“We appreciate all of our supporters,” said the printed campaign card.", "card"),
    ],
)
def test_an_inverted_cue_names_a_described_speaker(text, speaker):
    (q,) = quotes(text)
    assert q.speaker is not None and speaker in q.speaker.text
    assert q.cue.text == "said"


def test_one_word_in_marks_without_a_cue_is_a_scare_quote():
    text = "The agency upgraded many of her emails to “confidential” last year."
    assert not covering(quotes(text), "confidential", text)
    text = "Jane Roe lit into the plan, calling it “disqualifying.”"
    assert speaker_of(text, "disqualifying").speaker.text == "Jane Roe"


def test_a_name_before_a_colon_labels_the_quote():
    text = (
        "Rep. Jane Roe (R-Ohio): “I have not heard anyone other than you cite that figure.”\n\n"
        "Former secretary of state John Smith: “We learned that from the department.”\n\n"
        "Here is Mary Major in December 1992: “Our new direction must rest on the new realities.”\n"
    )
    assert speaker_of(text, "I have not heard").actor == "Jane Roe"
    assert speaker_of(text, "We learned that").actor == "John Smith"
    assert speaker_of(text, "Our new direction").actor == "Mary Major"


def test_a_colon_after_a_clause_with_an_appositive_subject_names_the_speaker():
    text = (
        "“We tried everything,” he told reporters.\n\n"
        "Senate Majority Leader Jane Roe, R-Ohio, delivered a blunt message to the mayor: "
        "“It is time to quit attacking people and get on message.”\n"
    )
    assert speaker_of(text, "It is time to quit").actor == "Jane Roe"


def test_an_object_pronoun_after_a_cue_is_not_an_inverted_speaker():
    text = "Told of the district’s lean, Early described it as “news to me and to everyone in my office.”"
    for q in quotes(text):
        assert q.speaker is None or q.speaker.text != "it"


def test_according_to_a_described_name():
    text = "According to conservative talk radio host Jane Roe, the move reeks of “fear” and desperation."
    assert speaker_of(text, "the move reeks").actor == "Jane Roe"


def test_a_news_organisation_reports_that():
    text = "The New York Post reports that the team avoided the hospital in order to “keep the details under wraps.”"
    q = speaker_of(text, "keep the details")
    assert q.actor == "New York Post" and q.cue.text == "reports"


@pytest.mark.parametrize("verb", ["beamed", "boomed", "gushed", "mused", "opined", "texted", "pressed", "interjected", "grumbled"])
def test_verbs_of_manner_of_speaking_are_cues(verb):
    text = f"“This is a fantastic day for the whole city,” {verb} Jane Roe of Madison."
    q = speaker_of(text, "fantastic day")
    assert q.actor == "Jane Roe" and q.cue.text == verb


def test_the_subject_of_a_that_clause_does_not_speak_the_quote_inside_it():
    text = "The ad, titled “Unifier?”, concludes that John Smith is too “dangerous and reckless and unfit” to be president."
    for q in covering(quotes(text), "dangerous and reckless", text):
        assert q.actor != "John Smith"


def test_who_can_suggest_what_a_person_reports():
    text = "It prompted a harsh response from Jane Roe, who suggested in an interview that the aide was trying to “maintain relevance.”"
    q = speaker_of(text, "maintain relevance")
    assert q.actor == "Jane Roe" and q.cue.text == "suggested"


def test_unbalanced_mark_does_not_derail_the_rest():
    text = (
        "The report said “the figures were wrong and nobody checked them.\n\n"
        "“Nothing will change,” Jane Doe said.\n\n"
        "“We must act now,” John Smith said.\n"
    )
    qs = quotes(text)
    assert speaker_of(text, "Nothing will change").actor == "Jane Doe"
    assert speaker_of(text, "We must act now").actor == "John Smith"


def test_misprinted_closing_mark_closes():
    text = "“The reality is that we could lose the state,“ said John Smith, a congressman."
    q = speaker_of(text, "The reality is that we could lose the state")
    assert q.actor == "John Smith"


def test_inverted_attribution_with_appositive():
    text = "“Prices will rise,” said John Smith, director of research at a bank in Boston."
    q = speaker_of(text, "Prices will rise")
    assert q.speaker.text == "John Smith"
    assert q.cue.text == "said"


def test_subject_with_appositive_before_cue():
    text = "“That is fine,” Jane Doe, 69, told reporters on Monday."
    q = speaker_of(text, "That is fine")
    assert q.actor == "Jane Doe"


def test_pronoun_speaker_resolves_to_the_right_person():
    text = (
        "Mary Jones met John Smith in Ohio on Tuesday. "
        "Smith spoke first. “We agree on the budget,” he said."
    )
    q = speaker_of(text, "We agree on the budget")
    assert q.speaker.text == "he"
    assert q.actor == "John Smith"


def test_organisation_speaker():
    text = "“The president will travel on Friday,” the White House said in a statement."
    q = speaker_of(text, "The president will travel on Friday")
    assert "White House" in q.speaker.text


def test_description_speaker():
    text = "“The talks will resume,” a spokesperson for the ministry said."
    q = speaker_of(text, "The talks will resume")
    assert q.speaker.text.startswith("a spokesperson")
    assert q.actor is None


def test_colon_introduced_quote():
    text = "John Smith told reporters: “We are ready for the vote.”"
    q = speaker_of(text, "We are ready for the vote")
    assert q.actor == "John Smith"
    assert q.cue.text == "told"


def test_colon_introduced_paragraph():
    text = "Jane Doe released the following statement:\n\n“We are grateful for the support of so many people.”\n"
    q = speaker_of(text, "We are grateful for the support")
    assert q.actor == "Jane Doe"


def test_participle_cue_takes_the_main_subject():
    text = "Jane Doe criticized the plan on Monday, saying, “It will cost far too much money.”"
    q = speaker_of(text, "It will cost far too much money")
    assert q.actor == "Jane Doe"


def test_passive_question_has_no_speaker():
    text = "John Smith was asked, “Will you run again next year?”"
    q = speaker_of(text, "Will you run again next year?")
    assert q.speaker is None


def test_mixed_quote():
    text = "Jane Doe said the city would stand by its “long and proud tradition” of openness."
    q = speaker_of(text, "long and proud tradition")
    assert q.kind == "mixed"
    assert q.actor == "Jane Doe"
    assert "the city would stand" in q.text


def test_partial_quote_takes_the_sentence_subject():
    text = "Jane Doe thanked the council for “stepping up when nobody else would.”"
    q = speaker_of(text, "stepping up when nobody else would")
    assert q.actor == "Jane Doe"


def test_indirect_speech_is_bounded_by_the_sentence():
    text = "John Smith said the talks went well. The weather was cold and wet all week."
    q = speaker_of(text, "the talks went well")
    assert q.kind == "indirect"
    assert q.actor == "John Smith"
    assert "weather" not in q.text


def test_according_to():
    text = "The factory will close in March, according to company officials."
    q = speaker_of(text, "The factory will close in March")
    assert q.kind == "indirect"
    assert q.cue.text == "according to"
    assert "officials" in q.speaker.text


def test_told_reporters():
    text = "John Smith told reporters on Tuesday that the budget would pass."
    q = speaker_of(text, "the budget would pass")
    assert q.actor == "John Smith"
    assert "reporters" not in q.text


def test_addressee_is_not_a_speaker():
    text = "John Smith, meanwhile, told the newspaper on Wednesday that he backs the plan."
    q = speaker_of(text, "he backs the plan")
    assert q.actor == "John Smith"


def test_time_phrase_between_subject_and_cue():
    text = "John Smith at the time said he would pay the fees."
    q = speaker_of(text, "he would pay the fees")
    assert q.speaker.text == "John Smith"


@pytest.mark.parametrize(
    "text",
    [
        "That said, the plan has flaws that nobody can ignore.",
        "The so-called reform was passed last year without debate.",
        "The painting is said to be worth a great deal of money.",
    ],
)
def test_non_cues(text):
    assert quotes(text) == ()


def test_said_inside_a_quote_is_no_cue():
    text = "“I said we would win, and we will win again,” Jane Doe told the crowd."
    qs = quotes(text)
    assert len(qs) == 1
    assert qs[0].actor == "Jane Doe"


# --- second round: speakers of quotes inside reported clauses, headings, cues


def test_progressive_cue_is_not_passive():
    text = "The mayor is insisting that the city has “plenty of money” for the repairs."
    q = speaker_of(text, "plenty of money")
    assert q.speaker.text == "The mayor" and q.cue.text == "insisting"


def test_parenthesis_and_sentence_split_before_the_cue():
    text = "Sen. Jane Roe (D-Ore.) said Monday that she was hoping for a turnout that “will help us all.”"
    q = speaker_of(text, "will help us all")
    assert "Jane Roe" in q.speaker.text and q.cue.text == "said"


def test_verb_of_thinking_inside_reported_content_adds_no_quote():
    text = "Torres told reporters after the meeting that she expected a vote next month."
    qs = quotes(text)
    assert len(qs) == 1 and qs[0].cue.text == "told"


def test_quote_in_a_clause_belongs_to_the_reporting_subject():
    text = "Trump is questioning whether the governor would have come to the meeting “if it were held on a Sunday.”"
    q = speaker_of(text, "if it were held")
    assert q.speaker.text == "Trump"


def test_title_in_marks_is_no_quote():
    text = "Actress Jane Doe took home the “Star Power” award for her role in “The Long Road.”"
    assert quotes(text) == ()


def test_source_after_a_heading_dash():
    text = "Polls were early - Jane Roe and John Doe: “The polls were not wrong, they simply ended too early.”"
    q = speaker_of(text, "The polls were not wrong")
    assert q.speaker.text in {"Jane Roe", "John Doe"}


def test_named_source_after_a_heading_dash_without_a_verb():
    text = "Media shares the blame - PollWatch: “Pollsters are taking a lot of heat from the public this week.”"
    q = speaker_of(text, "Pollsters are taking")
    assert q.speaker.text == "PollWatch"


def test_upper_case_heading_is_the_source_of_its_quote():
    text = "CITY PLANS NEW PARK “The park will open next spring with a playground and a pond.” [Daily News.]"
    q = speaker_of(text, "The park will open")
    assert q.speaker.text == "CITY PLANS NEW PARK" and q.cue is None


def test_called_reports_speech():
    text = "A spokesman for the governor called the report “outrageous and false.”"
    q = speaker_of(text, "outrageous and false")
    assert q.speaker.text in "A spokesman for the governor" and q.cue.text == "called"


def test_is_called_reports_nothing():
    text = "The plan is called “Fresh Start” by the city."
    assert quotes(text) == ()


def test_time_adjunct_between_speaker_and_cue():
    text = "Jane Doe, who has been campaigning all week, on Friday described her plan as “a fresh start for the city.”"
    q = speaker_of(text, "a fresh start")
    assert q.speaker.text == "Jane Doe"


def test_participle_after_an_object_belongs_to_the_subject():
    text = "The council released a statement Wednesday saying the plan “is based on opinion, not facts.”"
    q = speaker_of(text, "is based on opinion")
    assert q.speaker.text == "The council"


def test_content_ends_where_the_next_attribution_begins():
    text = "The donor did not disclose the amount, but he did say he found the mayor “very charming.”"
    qs = quotes(text)
    first = [q for q in qs if q.cue is not None and q.cue.text == "disclose"]
    assert first and "charming" not in first[0].text
    assert speaker_of(text, "very charming").speaker.text == "he"


@pytest.mark.parametrize("cue", ["shot back", "went on", "points out"])
def test_two_word_cues(cue):
    text = f"“They are all here for the free food,” Jane Doe {cue} with a laugh."
    q = speaker_of(text, "They are all here")
    assert q.speaker.text == "Jane Doe"


def test_cue_tagged_as_noun_after_a_quote():
    text = "“I can point to only two accomplishments,” Bozell answers."
    assert speaker_of(text, "I can point").speaker.text == "Bozell"


def test_new_sentence_after_a_full_stop_is_not_the_quote_frame():
    text = (
        "“Our jobs are leaving,” Jane Doe said. “That is the big problem for this state.” "
        "She said, twice, that she would go back to work."
    )
    q = speaker_of(text, "That is the big problem")
    assert q.speaker.text == "Jane Doe"


def test_demonym_surname_speaks():
    text = '"And I would have the same talk with him," Cuban said. "He has a real chance to win."'
    assert speaker_of(text, "He has a real chance").speaker.text == "Cuban"


# --- round 3: speaker constructions -------------------------------------------------


def test_state_abbreviation_in_an_appositive_after_the_quote():
    text = '"We will see what happens with the vote next week," Senate Minority Leader John Doe, R-Ky., said Tuesday.'
    q = speaker_of(text, "We will see what happens")
    assert q.speaker.text == "John Doe"


def test_time_word_after_an_inverted_cue_is_not_a_speaker():
    text = 'The vote "will be close, very close," said Tuesday the clerk.'
    for q in quotes(text):
        assert q.speaker is None or q.speaker.text != "Tuesday"


def test_coordinated_description_subject_after_the_quote():
    text = '"We have warned about this for years," the Ohio senator and presidential candidate told reporters.'
    assert "senator" in speaker_of(text, "We have warned").speaker.text


def test_inverted_cue_with_a_description_and_a_name():
    text = '"The delay will be long," said another leading lawyer, Peter Pan of the firm Hook Brown.'
    q = speaker_of(text, "The delay will be long")
    assert q.speaker.text == "Peter Pan"


def test_inverted_sentence_opener_with_a_relative_clause():
    text = 'Said Wendy Darling, who grew up in the area, "We were all so proud of him."'
    assert speaker_of(text, "We were all so proud").speaker.text == "Wendy Darling"


def test_bare_attribution_after_a_full_stop():
    text = '"Where are the files that nobody can find? We need them now." Jane Roe said.'
    assert speaker_of(text, "Where are the files").speaker.text == "Jane Roe"


def test_participle_takes_the_subject_that_opens_the_sentence():
    text = (
        "Jane Jones, the longtime governor, repeated claims that Smith reads the same talking points, "
        'calling him a "gifted guy" when he has a script.'
    )
    assert speaker_of(text, "gifted guy").speaker.text == "Jane Jones"


def test_participle_with_an_addressee_before_the_quote():
    text = 'Lisa Lane, vice chair of the campaign, emailed donors on Monday, telling them, "We are proud of what we built."'
    assert speaker_of(text, "We are proud").speaker.text == "Lisa Lane"


def test_stray_comma_after_a_parenthesis():
    text = 'After winning the state, Gov. Peter Pan (R-Ohio), said, "We are going to keep fighting for every vote."'
    assert speaker_of(text, "keep fighting").actor == "Peter Pan"


@pytest.mark.parametrize("dash", ["―", "—", "–"])
def test_quote_signed_with_a_dash(dash):
    text = (
        "Readers told us what they think.\n\n"
        f"“The plan will not help anyone in my town, and everyone here knows it.” {dash} Ana Lopez\n\n"
        f"“Nobody asked us what we wanted before they made the deal.”{dash} Bo Diaz, a teacher.\n"
    )
    assert speaker_of(text, "The plan will not help").speaker.text == "Ana Lopez"
    assert speaker_of(text, "Nobody asked us").speaker.text == "Bo Diaz"


def test_dash_inside_a_sentence_is_not_a_signature():
    text = "“It is over” — Jane Roe said it twice before she left the room.\n"
    for q in quotes(text):
        assert q.cue is None or q.cue.text not in {"—"}


def test_mixed_quote_with_a_modified_name_after_it():
    text = 'Smith "is the only candidate with the temperament to lead us," retired Army general John Doe said.'
    q = speaker_of(text, "the only candidate")
    assert q.speaker.text == "John Doe"


def test_subject_with_a_prepositional_phrase_after_the_quote():
    text = '"You pay your taxes. So why did he not pay his?" a narrator in the new ad asks.'
    assert "narrator" in speaker_of(text, "You pay your taxes").speaker.text


def test_source_tagged_as_a_plural_noun_before_a_colon():
    text = 'The Daily Planet reports:\n\n"Only a few of the donors gave more than once this year, records show."\n'
    assert "Daily Planet" in speaker_of(text, "Only a few of the donors").speaker.text


def test_relative_who_speaks_for_its_antecedent():
    text = 'The crowd included Tom Thumb and Ann Arbor, who joked of the building, "I have not seen it yet, but I am going to."'
    q = speaker_of(text, "I have not seen it")
    assert q.speaker.text == "who" and q.actor == "Ann Arbor"


def test_as_someone_put_it():
    text = 'As Bob Stone, a tax lawyer at a big firm, recently put it, "Did he lower his taxes by using the rules?"'
    assert speaker_of(text, "Did he lower").speaker.text == "Bob Stone"


def test_what_he_calls_belongs_to_the_main_subject():
    text = 'Senator Tom Thumb has railed against what he calls the "Washington cartel" for years.'
    assert speaker_of(text, "Washington cartel").actor == "Tom Thumb"
    text = 'The council pledged new sanctions as a deterrence to what it called "a clear threat to peace."'
    assert speaker_of(text, "a clear threat").speaker.text == "The council"


def test_cue_after_a_colon_introduced_quote_wins():
    text = 'Jane Roe seemed irritated: "It is a public statement! Just send it," she wrote.'
    q = speaker_of(text, "It is a public statement")
    assert q.speaker.text == "she" and q.cue.text == "wrote"


def test_capitalised_cue_after_an_appositive():
    text = '"We cannot argue with it!" Murphy, the head of Rise Up Ohio, Tweeted on Friday with a photo.'
    assert speaker_of(text, "We cannot argue").speaker.text == "Murphy"


def test_closing_cue_with_adjuncts_after_a_mixed_quote():
    text = 'The plan would "end all the care we know," Mary Major declared in an interview Thursday, in the latest exchange.'
    q = speaker_of(text, "end all the care")
    assert q.speaker.text == "Mary Major" and q.start < text.index("The plan") + 4


def test_document_subject_tagged_as_a_noun():
    text = 'The ad claims "Smith is the conservative you can trust."'
    assert speaker_of(text, "Smith is the conservative").speaker.text == "The ad"


def test_appositive_chain_keeps_the_first_name():
    text = "Dan Brown, the editor of the city's paper, The Daily Planet, said the plan \"will not survive the winter.\""
    assert speaker_of(text, "will not survive").speaker.text == "Dan Brown"


def test_second_coordinated_cue_shares_the_subject():
    text = 'Mary Major called the plan a disaster and said it was "the worst idea in a decade."'
    qs = quotes(text)
    said = [q for q in qs if q.cue is not None and q.cue.text == "said"]
    assert said and said[0].speaker.text == "Mary Major" and said[0].text.startswith("it was")
    called = [q for q in qs if q.cue is not None and q.cue.text == "called"]
    assert all("said" not in q.text for q in called)


def test_reported_content_ends_where_a_framed_quote_of_another_speaker_begins():
    text = (
        "Jane Roe suggested the council would block the plan, "
        'and Tom Thumb shot back: "If they block it, we will build it anyway."'
    )
    qs = quotes(text)
    reported = [q for q in qs if q.speaker is not None and q.speaker.text == "Jane Roe"]
    assert [q.text for q in reported] == ["the council would block the plan"]
    assert speaker_of(text, "we will build it anyway").speaker.text == "Tom Thumb"


def test_a_frame_inside_a_that_clause_stays_part_of_the_reported_content():
    text = 'Jane Roe said that she had one message for the board: "Build the bridge now."'
    q = speaker_of(text, "Build the bridge now")
    assert q.speaker.text == "Jane Roe"


def test_embedded_fragment_inside_a_mixed_quote_is_not_a_quote_of_its_own():
    text = 'Jane Roe says voters are angry but also hungry for what she calls "real answers."'
    qs = quotes(text)
    assert len(qs) == 1 and qs[0].kind == "mixed" and qs[0].speaker.text == "Jane Roe"


def test_a_colon_introduced_quote_inside_reported_speech_stands_on_its_own():
    text = 'Jane Roe said the vote was close, and Tom Thumb replied: "Close is enough for us."'
    q = speaker_of(text, "Close is enough for us")
    assert q.speaker.text == "Tom Thumb"


def test_scare_quotes_on_a_modifier_are_not_quotes():
    text = 'The mayor toured a new "smart" parking garage downtown on Monday.'
    assert not [q for q in quotes(text) if q.text == "smart"]


def test_speech_reported_within_another_quote_is_not_a_quote_of_its_own():
    text = "Jane Roe said the bill, which the city board called “a disgrace to the town,” would pass easily next week."
    qs = quotes(text)
    assert len(qs) == 1
    assert qs[0].speaker.text == "Jane Roe" and qs[0].kind == "mixed"
    assert "a disgrace to the town" in qs[0].text


def test_framed_quote_cited_from_a_source_belongs_to_the_source():
    text = "“We will never give up on this plan,” John Doe said on Monday, according to a transcript of the hearing."
    qs = quotes(text)
    assert len(qs) == 1
    assert qs[0].speaker.text == "a transcript of the hearing"


def test_leading_quote_cited_from_a_source_keeps_its_speaker():
    text = "Jane Roe said on Monday that the talks had gone “really very well,” according to the local radio station."
    qs = covering(quotes(text), "really very well", text)
    assert "Jane Roe" in {q.speaker.text for q in qs if q.speaker}


def test_reported_clause_ends_before_a_participle_cue_after_a_quoted_comma():
    text = "Jane Roe said the new process could be “long and messy,” adding, “Democracy is always messy.”"
    qs = quotes(text)
    first = covering(qs, "long and messy", text)
    assert first and all("Democracy" not in q.text for q in first)
    second = covering(qs, "Democracy is always messy", text)
    assert second[0].speaker.text == "Jane Roe" and second[0].cue.text == "adding"


def test_a_text_or_crowd_closing_a_quote_is_its_source():
    from newsanalyzer import analyze

    text = "The board sent a letter on Monday. “We cannot approve the plan as written,” the letter read."
    quotes = analyze(text).quotes
    assert [(q.text, q.speaker.text if q.speaker else None, q.cue.text if q.cue else None) for q in quotes] == [
        ("We cannot approve the plan as written,", "the letter", "read")
    ]
    # `read` elsewhere is not a cue
    assert analyze("She read the report on Monday and left.").quotes == ()


@pytest.mark.parametrize("cue", ["he said ", "according to ", "she told reporters "])
def test_a_run_of_cues_costs_linear_time(cue):
    """Each cue opens an attribution whose content runs to the sentence's end: hundreds
    of them in one sentence once took a minute per 100 KB (work and output quadratic)."""
    import time

    from newsanalyzer.quotes import MAX_ATTRIBUTIONS_PER_SENTENCE

    text = cue * (100_000 // len(cue))
    started = time.perf_counter()
    analysis = analyze(text)
    assert time.perf_counter() - started < 10.0
    per_sentence = [sum(1 for q in analysis.quotes if s.start <= q.start < s.end) for s in analysis.sentences]
    assert 0 < max(per_sentence) <= MAX_ATTRIBUTIONS_PER_SENTENCE


# ---------------------------------------------------------------------------
# Fast paths against the slower code they replace (same results on varied inputs)
# ---------------------------------------------------------------------------

_REFERENCE_MARK = __import__("re").compile("[“”\"«»„]|''")


def _reference_find_passages(text, paragraphs):
    """`find_passages` as it was: a regular expression scan of each paragraph, always sorted."""
    from newsanalyzer import quotes as Q

    passages = []
    for p_index, paragraph in enumerate(paragraphs):
        start, end = paragraph.start, paragraph.end
        open_at = -1
        for match in _REFERENCE_MARK.finditer(text, start, end):
            i = match.start()
            ch = match.group()
            width = len(ch)
            if width == 2:
                ch = '"'
            if open_at < 0:
                before = text[i - 1] if i > start else " "
                after = text[i + 1] if i + 1 < end else " "
                straight_opens = (before.isspace() or before in Q._BEFORE_OPENING) and not after.isspace()
                if ch in Q._OPENING or (ch in Q._MAY_OPEN and straight_opens):
                    open_at = i + width
            else:
                after = text[i + width] if i + width < end else " "
                closes = (
                    ch in Q._CLOSING
                    or ch in Q._AMBIGUOUS
                    or (ch == "“" and text[open_at - 1] == "„")
                    or (ch in Q._OPENING and (after.isspace() or after in ".,;:") and text[i - 1] in ".,?!")
                )
                if closes:
                    if i > open_at:
                        passages.append(Q.Passage(open_at, i, p_index, True))
                    open_at = -1
                elif ch in Q._OPENING and i - open_at > 0:
                    passages.append(Q.Passage(open_at, Q._trim_end(text, open_at, i), p_index, False))
                    open_at = i + width
        if open_at >= 0:
            content_end = Q._trim_end(text, open_at, end)
            reopened = p_index + 1 < len(paragraphs) and text[paragraphs[p_index + 1].start] in Q._REOPENING
            if content_end > open_at and (reopened or content_end - open_at <= Q._MAX_UNCLOSED_CHARS):
                passages.append(Q.Passage(open_at, content_end, p_index, False))
    passages.extend(Q._single_passages(text, paragraphs, passages))
    passages.sort(key=lambda p: p.start)
    return passages


def _random_marked_text(rng):
    pieces = ["“", "”", '"', "«", "»", "„", "''", "'", "‘", "’", " ", " ", "\n", "\n\n", ",", ".", "?", ":", "(", "—",
              "word", "said", "Roe", "it’s", "a", "x"]
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 60)))


def _random_paragraphs(rng, text):
    from newsanalyzer.model import Paragraph
    from newsanalyzer.segment import paragraphs

    if rng.random() < 0.6 or not text:
        return paragraphs(text)
    spans = []  # arbitrary spans: out of order, overlapping, adjacent
    for _ in range(rng.randrange(1, 5)):
        a = rng.randrange(0, len(text))
        spans.append(Paragraph(a, rng.randrange(a + 1, len(text) + 1)))
    return spans


def test_find_passages_equals_the_regular_expression_scan():
    import random

    from newsanalyzer.quotes import find_passages

    rng = random.Random(7)
    for _ in range(4000):
        text = _random_marked_text(rng)
        paragraphs = _random_paragraphs(rng, text)
        assert find_passages(text, paragraphs) == _reference_find_passages(text, paragraphs), (text, paragraphs)


def test_in_quote_and_overlapping_by_bisection_equal_the_walks_over_all_passages():
    import random

    from newsanalyzer import quotes as Q

    rng = random.Random(11)
    apart = 0
    for _ in range(3000):
        text = _random_marked_text(rng)
        passages = Q.find_passages(text, _random_paragraphs(rng, text))
        ctx = Q._Context(text, (), (), passages)
        apart += ctx.doubles_apart
        for position in range(len(text) + 2):
            assert ctx.in_quote(position) == ctx._in_quote_walk(position), (text, position)
        for _ in range(20):
            start, end = rng.randrange(-1, len(text) + 2), rng.randrange(-1, len(text) + 2)
            assert ctx.overlapping(start, end) == ctx._overlapping_walk(start, end), (text, start, end)
    assert apart > 2000  # the fast path is the common one


def test_only_sentences_with_an_opener_are_read():
    import random

    from newsanalyzer.model import Sentence
    from newsanalyzer.quotes import _sentences_with

    rng = random.Random(3)
    for _ in range(2000):
        sentences, k = [], 0
        for _ in range(rng.randrange(0, 8)):
            n = rng.randrange(0, 5)
            sentences.append(Sentence(0, 0, 0, max(0, k - rng.randrange(0, 3)), k + n))  # some overlap
            k += n
        positions = sorted(rng.sample(range(k + 2), rng.randrange(0, min(k + 2, 6) + 1)))
        if rng.random() < 0.2:
            rng.shuffle(sentences)  # out of order, as the pipeline never has them
        expected = [(s, [p for p in positions if s.first_token <= p < s.end_token]) for s in sentences]
        assert _sentences_with(sentences, positions) == [(s, inside) for s, inside in expected if inside]


def test_word_lists_loaded_once_answer_as_the_lexicon_lookups_did():
    from newsanalyzer import lexicon
    from newsanalyzer import quotes as Q

    phrasal = lexicon.lower_words("phrasal_cues")
    vocabulary = {part for phrase in phrasal for part in phrase.split(" ")} | {"said", "back", "on", "", "shot back"}
    for first in vocabulary:
        for second in vocabulary:
            assert (second in Q._PHRASAL_CUE_ENDS.get(first, ())) == (f"{first} {second}" in phrasal)
    pronouns = lexicon.table("pronouns")
    for word in list(pronouns) + ["said", "", "it"]:
        entry = pronouns.get(word)
        assert (word in Q._SUBJECT_PRONOUNS) == bool(entry and entry[1] == "subject")


def test_word_counts_in_c_equal_the_generators():
    import random

    from newsanalyzer import quotes as Q

    rng = random.Random(5)
    pieces = ["a", "_", "1", "²", "½", "“", ",", " ", "  ", "\n", "é", "--", "x_y", "'s"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 30)))
        assert Q._word_count(text) == sum(1 for w in text.split() if any(c.isalnum() for c in w))
        texts = text.split(" ")
        first, end = sorted(rng.randrange(0, len(texts) + 1) for _ in range(2))
        n = rng.randrange(0, 4)
        assert Q._words_at_least(texts, first, end, n) == (sum(1 for t in texts[first:end] if t[:1].isalnum()) >= n)
