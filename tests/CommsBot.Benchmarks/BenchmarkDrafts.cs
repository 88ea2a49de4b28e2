namespace CommsBot.Benchmarks;

/// <summary>
/// Realistic drafts for the benchmarks: what a clinician might paste before posting, written to trigger several rules
/// at once (identifiers, recording at work, an undisclosed promotion, a sneer at a colleague, advice to one person).
/// </summary>
public static class BenchmarkDrafts
{
    /// <summary>An X-length draft: exactly 280 UTF-16 code units.</summary>
    public const string Short280 =
        "67F in bed 12 tonight with the rarest presentation I've seen all year 😳 filmed a quick clip between cases for "
            + "the students. Use code DRJESS20 for 20% off my favourite compression socks, link in bio! Meanwhile, the PA on "
            + "4 North still can't read an ECG lol #nightshift #scrubs #sp";

    /// <summary>A long LinkedIn or Instagram caption: exactly 2,000 UTF-16 code units.</summary>
    public const string Long2000 =
        "Back from #ACEP24 and still buzzing. Three takeaways from the sepsis track: start the bundle early, reassess "
            + "the lactate at 2 hours, and stop waiting for the perfect culture before antibiotics. Huge congratulations to "
            + "my colleague Dr. Amara Okafor, whose poster on ED boarding and mortality won best abstract. Go read it, it is "
            + "the clearest data I have seen on why boarding kills. \n\nNow the part I keep thinking about. Last Tuesday night "
            + "a 34yo man came into resus bay 2 after a rollover on Route 9 near the Millbrook exit, GCS 6, and his wife "
            + "arrived still in her work uniform from the Shell station on Main Street. I took a quick photo of the monitor "
            + "between compressions so the residents could see the rhythm change. We got him back. He is on the 5th floor ICU "
            + "now and I visited him this morning. \n\nHonestly the hardest part of the night was the consult: ortho sent a "
            + "'provider' who clearly had no idea what a tension pneumo looks like, typical midlevel, and the hospitalist "
            + "took forty minutes to answer a page. Amazing teamwork as always 🙄 Meanwhile our favourite frequent flyer was "
            + "back in bed 7 demanding a sandwich and dilaudid for the fourth time this week, bless him. \n\nPublic service "
            + "announcement for everyone reading: if you have chest pain that spreads to your arm or jaw, call 911, do not "
            + "drive yourself. Also get your flu shot this month: it takes five minutes and keeps you out of my waiting room. "
            + "And @markus_r, about your dad's blood pressure pills, just double the lisinopril until you can see his doctor, "
            + "it will be fine. \n\nNight shift survival kit, since everyone asks: these electrolyte sachets from @HydraCore "
            + "got me through seven nights in a row, use code NIGHTDOC for 25% off at the link in my bio, and the new clogs "
            + "from @StrideMed that arrived in my PR package last week are the comfiest thing I own. Thanks for reading, now "
            + "go hug a nurse, they carried the whole department this week. #emergencymedicine #nightshift #sepsis "
            + "#medtwitter #doctorsofinstagram #partner #gifted";

    /// <summary>The drafts of the load script (tests/load/turns.lua), which sends them in turn.</summary>
    public static IReadOnlyList<string> LoadDrafts { get; } =
    [
        "Swipe up to save 20% with code DOCTOR",
        "Reminder: 'midlevels' are not doctors and never will be.",
        "Proud of our residents who presented at #ACC26 today. Great science, great team!",
        "Had a patient today, 45 y/o teacher from Springfield, who came in with chest pain after her divorce. Turned out to be her heart after all. Wear your seatbelts and take your statins, people! Sponsored by nobody. DM me if you want advice on your meds.",
    ];
}
