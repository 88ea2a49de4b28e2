using CommsBot.Guidelines.Fixes;
using CommsBot.Guidelines.Pack;

namespace CommsBot.Guidelines.Tests.Fixes;

public class DraftReviewerTests
{
    private static readonly DraftReviewer Sut = new(RulePack.LoadDefault(), new DraftLimits { MaxLength = 10_000 });

    [Fact]
    public void Review_UndisclosedCode_RevisedTextStartsWithDisclosure()
    {
        var review = Sut.Review("Swipe up to save 20% with code DOCTOR", new DraftContext(AccountKind.Professional, Platform.Instagram));

        Assert.Equal(Verdict.DoNotPost, review.Verdict);
        var finding = Assert.Single(review.Findings, f => f.RuleId == "undisclosed-partnership");
        Assert.False(finding.Fix.IsAdviceOnly);
        Assert.StartsWith("#ad", review.RevisedText, StringComparison.Ordinal);
        Assert.Contains("code DOCTOR", review.RevisedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_DisclosureBuriedAtEnd_MovesItToTheStart()
    {
        const string draft = "Why I moved nearly all my type 1 patients to the GlucoSense G3 CGM this year. 14-day wear, no calibration, and the app shares with parents in real time. Ask your endo about it. Full disclosure: I'm a paid consultant for GlucoSense.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.X));

        Assert.Contains(review.Findings, f => f.RuleId == "undisclosed-partnership");
        Assert.StartsWith("Full disclosure: I'm a paid consultant for GlucoSense", review.RevisedText, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(review.RevisedText, "paid consultant"));
    }

    [Fact]
    public void Review_DisclosureInAnAsideAtTheEnd_MovesTheSentenceWithItsBracketsWhole()
    {
        const string draft = "Been using the MamaSafe clean birth kit in all our home visits for years and honestly can't recommend it enough 😍 available now on Jumia. Big love to the MamaSafe team for keeping us stocked 💕 (btw they did sponsor our CHW training last month, so full disclosure lol)";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.Facebook));

        Assert.Contains(review.Findings, f => f.RuleId == "undisclosed-partnership");
        Assert.StartsWith("Big love to the MamaSafe team for keeping us stocked 💕 (btw they did sponsor our CHW training last month, so full disclosure lol). Been using", review.RevisedText, StringComparison.Ordinal);
        Assert.Equal(review.RevisedText.Count(c => c == '('), review.RevisedText.Count(c => c == ')'));
    }

    [Fact]
    public void Review_DisparagingSentence_FixCutsIt()
    {
        const string draft = "Great turnout at our sepsis huddle today. Reminder: 'midlevels' are not doctors and never will be. See you next week!";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional));

        var finding = Assert.Single(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.DoesNotContain("midlevels", review.RevisedText, StringComparison.Ordinal);
        Assert.StartsWith("Great turnout", review.RevisedText, StringComparison.Ordinal);
        Assert.EndsWith("See you next week!", review.RevisedText, StringComparison.Ordinal);
        Assert.Equal(Verdict.DoNotPost, review.Verdict);
        Assert.NotEmpty(finding.Fix.Title);
    }

    [Fact]
    public void Review_PutDownThatGoesOnToAddressItsTarget_FixCutsTheWholeJab()
    {
        // The group is named in the first sentence; "Sweetheart, because you ..." goes on talking down to it. Cutting
        // only the first sentence would leave the contempt, now aimed at "you" with a dose in it.
        const string draft = "Another nurse \"injector\" rang to ask why her client's lip had a lump. Sweetheart, because you put 2ml in a lip that needed 0.5. Maybe leave the lips to the doctors? 💋\n\nBooking link for consults in bio.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.Facebook));

        Assert.Contains(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.Equal("Booking link for consults in bio.", review.RevisedText.Trim());
    }

    [Fact]
    public void Review_PutDownThatIsTheWholePost_FixIsAdviceNotACutThatLeavesTheJab()
    {
        const string draft = "Another nurse \"injector\" rang to ask why her client's lip had a lump. Sweetheart, because you put 2ml in a lip that needed 0.5. Maybe leave the lips to the doctors? 💋";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.Facebook));

        var finding = Assert.Single(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.True(finding.Fix.IsAdviceOnly);
    }

    [Fact]
    public void Review_PutDownThatNamesItsTargetByAPronoun_FixCutsTheSentenceThatNamesTheGroupToo()
    {
        // "Half of them ..." is the jab; the group it points at is named in the sentence before, and cutting only the
        // jab would leave "don't take breastfeeding advice from the lactation consultants at Mercy"
        const string draft = "For the love of god don't take breastfeeding advice from the lactation consultants at Mercy. Half of them did a weekend course and think that makes them experts. Call your pediatrician.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Personal, Platform.Facebook));

        Assert.Contains(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.DoesNotContain("lactation consultants", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("weekend course", review.RevisedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_CutNextToAQuotationTheSentenceGoesOnAfter_TakesTheWholeSentence()
    {
        // '?"' followed by "instead" closes the quotation, not the sentence: a cut that stopped there left " instead of a sigh."
        const string draft = "Nights are a strange kind of family.\n\nThe med reg who answers with \"yep, what've you got?\" instead of a sigh, unlike the useless surgical reg who never picks up. Thank you all.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.X));

        Assert.Contains(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.DoesNotContain("instead of a sigh", review.RevisedText, StringComparison.Ordinal);
        Assert.Equal("Nights are a strange kind of family.\n\nThank you all.", review.RevisedText);
    }

    [Fact]
    public void Review_NamedPatientSeenOnADay_FixGeneralisesTheDayToo()
    {
        const string draft = "I saw Mrs H. from Tuesday's clinic in the shop and she told me all about her new hip.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.Facebook));

        Assert.Contains(review.Findings, f => f.RuleId == "patient-privacy");
        Assert.DoesNotContain("Tuesday", review.RevisedText, StringComparison.Ordinal);
        Assert.Contains("a patient from a recent clinic", review.RevisedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_NamedChildOnAFamilyWeekend_IsPersonalContentNotAPatient()
    {
        const string draft = "Weekend in the mountains with my girls ⛷️ first time on skis for little Mariyka, she fell 20 times and laughed 20 times. Monday, back to the ward 💪";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Unknown, Platform.Instagram));

        Assert.DoesNotContain(review.Findings, f => f.RuleId == "patient-privacy");
        Assert.Contains(review.Findings, f => f.RuleId == "personal-content-public");
    }

    [Fact]
    public void Review_JokeRunningOnFromAnOpeningDisclosure_FixCutsTheJokeAndKeepsTheDisclosure()
    {
        // no full stop between the disclosure and the joke: the sentence the joke is in starts at the disclosure, and
        // cutting all of it would leave the promotion undisclosed
        const string draft = "#ad Paid partnership with Kinetiq 💪 For all my patients who swear they \"walk loads\" (to the fridge and back 🙄😂), the Kinetiq band set makes home strength work easy. code RELAXDOC";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.Instagram));

        Assert.Contains(review.Findings, f => f.RuleId == "mocking-patients");
        Assert.StartsWith("#ad Paid partnership with Kinetiq", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("fridge", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain(Sut.Review(review.RevisedText, review.Context).Findings, f => f.RuleId == "undisclosed-partnership");
    }

    [Fact]
    public void Review_JokeInTheSentenceOfADisclosure_FixKeepsTheDisclosureInItsPlace()
    {
        // "#ad" opens the sentence the joke is in, after a first line: cutting the sentence must not cut the disclosure
        // with it, or the re-check finds an undisclosed promotion
        const string draft = "New brace day! #ad for all my patients who swear they \"walk loads\" (to the fridge and back 🙄😂), the Kinetiq band set makes home strength work easy. code RELAXDOC";
        var context = new DraftContext(AccountKind.Professional, Platform.Instagram);

        var review = Sut.Review(draft, context);

        Assert.Contains(review.Findings, f => f.RuleId == "mocking-patients");
        Assert.Equal("New brace day! #ad code RELAXDOC", review.RevisedText);
        Assert.DoesNotContain(Sut.Review(review.RevisedText, context).Findings, f => f.RuleId == "undisclosed-partnership");
    }

    [Fact]
    public void Review_JokeInTheSentenceOfASponsorLine_FixKeepsTheSponsorAndTheBrand()
    {
        const string draft = "Quick one before clinic. Sponsored by Kinetiq: for all my patients who swear they \"walk loads\" (to the fridge and back 🙄😂), this band set makes home strength work easy. Link in bio.";
        var context = new DraftContext(AccountKind.Professional, Platform.Instagram);

        var review = Sut.Review(draft, context);

        Assert.Contains(review.Findings, f => f.RuleId == "mocking-patients");
        Assert.Equal("Quick one before clinic. Sponsored by Kinetiq. Link in bio.", review.RevisedText);
    }

    [Theory]
    [InlineData("Last Thursday a 26-year-old nursing student from the university came to my clinic with pancreatitis after semaglutide bought from her gym.", "a nursing student from the university")]
    [InlineData("Last Thursday a 26-year-old came to my clinic with pancreatitis after semaglutide bought from her gym.", "a patient came to my clinic")]
    [InlineData("Last Thursday a 26-year-old presenting with pancreatitis after semaglutide bought from her gym was admitted to our ward.", "a patient presenting with pancreatitis")]
    public void Review_AgeBeforeANounOrStandingForThePerson_FixReadsAsEnglish(string draft, string expected)
    {
        // an age written as an adjective goes alone ("a nursing student"); an age that stands for the person becomes "a patient"
        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.LinkedIn));

        Assert.Contains(review.Findings, f => f.RuleId == "patient-privacy");
        Assert.Contains(expected, review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("26", review.RevisedText, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_JokeInASentenceAfterATitle_FixCutsTheWholeSentence()
    {
        // "Dr." ends a title, not the sentence: the cut must not leave "Dr." dangling before the next paragraph
        const string draft = "Great grand rounds on foot ulcers today.\n\nDr. Ramos had the room laughing at the patient who \"treated\" his wound with WD-40 for a month because \"it fixes everything else\" 😂 Never change.\n\nSlides are on the intranet.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional));

        Assert.Contains(review.Findings, f => f.RuleId == "mocking-patients");
        Assert.DoesNotContain("Dr.", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("WD-40", review.RevisedText, StringComparison.Ordinal);
        Assert.StartsWith("Great grand rounds", review.RevisedText, StringComparison.Ordinal);
        Assert.Contains("Slides are on the intranet.", review.RevisedText, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Thanks to Dr. Ramos for the talk.", 12, false)] // the full stop of "Dr."
    [InlineData("Give 2.5 mg at night.", 6, false)] // a decimal point
    [InlineData("It is on wd40.com now.", 13, false)] // inside a word
    [InlineData("We said no. Then we left.", 10, true)] // "no." ends a sentence
    [InlineData("Done. Next", 4, true)]
    [InlineData("Why? Because", 3, true)]
    public void SentenceEnds_FullStopsOfTitlesAndNumbers_DoNotEndASentence(string text, int index, bool ends)
    {
        Assert.Equal(ends, Sentences.Ends(text, index));
    }

    [Fact]
    public void Review_IdentifyingDetails_FixGeneralisesThem()
    {
        const string draft = "still thinking about the 29yo in bay 7 this morning with the aortic dissection. sudden tearing chest pain = call 911.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional));

        Assert.Contains(review.Findings, f => f.RuleId == "patient-privacy");
        Assert.DoesNotContain("29yo", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("bay 7", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain("this morning", review.RevisedText, StringComparison.Ordinal);
        Assert.Contains("call 911", review.RevisedText, StringComparison.Ordinal);
        Assert.DoesNotContain(Sut.Review(review.RevisedText, review.Context).Findings, f => f.RuleId == "patient-privacy");
    }

    [Fact]
    public void Review_TimeThatNamesANightOfAnEvent_PrivacyFixIsAdviceNotRecentlyOf()
    {
        const string draft = "Still think about the last night of the county fair in 2003: a 38-year-old rodeo clown under a bull, a tight belly, 34 units of blood. He rode again the next summer.";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional));

        var privacy = Assert.Single(review.Findings, f => f.RuleId == "patient-privacy");
        Assert.True(privacy.Fix.IsAdviceOnly);
        Assert.DoesNotContain("recently of", review.RevisedText ?? "", StringComparison.Ordinal);
        Assert.Contains("de-identified composite", privacy.Fix.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_CleanDraft_ReadyAndUnchanged()
    {
        const string draft = "Grateful for this team.";

        var review = Sut.Review(draft);

        Assert.Equal(Verdict.Ready, review.Verdict);
        Assert.Equal(draft, review.RevisedText);
        Assert.False(review.HasEdits);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    [InlineData(null)]
    public void Review_EmptyDraft_ThrowsClearError(string? draft)
    {
        var e = Assert.Throws<InvalidDraftException>(() => Sut.Review(draft));
        Assert.Contains("empty", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_OverLimit_ThrowsErrorWithoutQuotingDraft()
    {
        var draft = "secret-canary " + new string('x', 10_000);

        var e = Assert.Throws<InvalidDraftException>(() => Sut.Review(draft));

        Assert.Contains("10,000", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-canary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Review_Findings_SortedByPosition()
    {
        const string draft = "our favorite frequent flyer is back in bed 9 tonight 🙄 and of course the PA ordered a CT for 'abdominal pain x 6 years.' amazing work team 👏";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Personal, Platform.X));

        Assert.Equal(review.Findings.Select(f => f.Span.Start).Order(), review.Findings.Select(f => f.Span.Start));
        Assert.Contains(review.Findings, f => f.RuleId == "patient-privacy");
        Assert.Contains(review.Findings, f => f.RuleId == "mocking-patients");
        Assert.Contains(review.Findings, f => f.RuleId == "disparaging-colleagues");
    }

    [Fact]
    public void Review_SentenceEndingInsideQuote_CutLeavesNoStrayQuote()
    {
        const string draft = "Busy night. of course the PA ordered a CT for 'abdominal pain x 6 years.' amazing work team 👏";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Personal, Platform.X));

        Assert.Contains(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.DoesNotContain("' amazing", review.RevisedText, StringComparison.Ordinal);
        Assert.False(review.RevisedText.StartsWith('\''));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Limits_OutOfRange_Throws(int max) => Assert.Throws<ArgumentOutOfRangeException>(() => new DraftLimits { MaxLength = max });

    [Fact]
    public void Apply_OverlappingEdits_SkipsTheLaterOne()
    {
        var text = "abcdef";

        var result = FixApplier.Apply(text, [new TextEdit(new TextSpan(1, 3), "X"), new TextEdit(new TextSpan(2, 2), "Y"), new TextEdit(new TextSpan(0, 0), "> ")]);

        Assert.Equal("> aXef", result);
    }

    [Fact]
    public void Apply_EditsAtOneSpanAndOutOfRange_FirstGivenWinsAndOutOfRangeIsSkipped()
    {
        const string text = "abcdef";

        var result = FixApplier.Apply(text, [new TextEdit(new TextSpan(4, 9), "!"), new TextEdit(new TextSpan(2, 1), "X"), new TextEdit(new TextSpan(2, 1), "Y"), new TextEdit(new TextSpan(0, 0), "1"), new TextEdit(new TextSpan(0, 0), "2")]);

        Assert.Equal("1abXdef", result);
        Assert.Same(text, FixApplier.Apply(text, [new TextEdit(new TextSpan(5, 4), "!")]));
    }

    [Fact]
    public void Review_QuotedPostIsAllOneCutSentence_FixIsAdviceAndTheRequestIsNotLeftAsThePost()
    {
        const string draft = "Is this ok for the clinic TikTok?\n> 'Patients be like: I need an endoscopy but I'm scared of the tube 😭 Me: *gives sedation* Patient: *asleep before I finish saying relax*' 😴 (skit filmed in my living room)";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional, Platform.TikTok));

        var finding = Assert.Single(review.Findings, f => f.RuleId == "mocking-patients");
        Assert.True(finding.Fix.IsAdviceOnly);
        Assert.Equal(draft, review.RevisedText);
    }

    [Fact]
    public void Apply_CutParagraph_LeavesOneBlankLineBetweenTheOthers()
    {
        const string text = "Great day at the clinic.\n\nThe cut paragraph.\n\nSee you at the gala!";

        var result = FixApplier.Apply(text, [new TextEdit(new TextSpan(text.IndexOf("The cut", StringComparison.Ordinal), "The cut paragraph.".Length), "")]);

        Assert.Equal("Great day at the clinic.\n\nSee you at the gala!", result);
    }

    [Fact]
    public void Review_DisparagingParagraphCut_RevisedDraftHasNoRunOfBlankLines()
    {
        const string draft = "Great day at the clinic.\n\nOur ED docs are useless as always, lol.\n\nSee you all at the gala!";

        var review = Sut.Review(draft, new DraftContext(AccountKind.Professional));

        Assert.Contains(review.Findings, f => f.RuleId == "disparaging-colleagues");
        Assert.Equal("Great day at the clinic.\n\nSee you all at the gala!", review.RevisedText);
    }

    [Fact]
    public void Evaluate_ConcurrentCalls_GiveSameResults()
    {
        var evaluator = Sut.Evaluator;
        const string draft = "#ad Paid partnership with @NeuroCalm: code SLEEPDOC for 15% off";
        var expected = evaluator.Evaluate(draft).Findings.Select(f => f.RuleId).ToList();

        var results = Enumerable.Range(0, 64).AsParallel().Select(_ => evaluator.Evaluate(draft).Findings.Select(f => f.RuleId).ToList()).ToList();

        Assert.All(results, r => Assert.Equal(expected, r));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
