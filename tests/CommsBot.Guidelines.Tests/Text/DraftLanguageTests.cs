using CommsBot.Guidelines.Pack;
using CommsBot.Guidelines.Text;

namespace CommsBot.Guidelines.Tests.Text;

/// <summary>A draft written mostly in another language is told from an English one (and from English with a few
/// foreign words), and its review carries a notice that the checks read English.</summary>
public class DraftLanguageTests
{
    [Theory]
    [InlineData("Hoy en la guardia atendimos a una paciente con preeclampsia grave y el equipo estuvo increíble. Gracias a todas por su trabajo.", "Spanish")]
    [InlineData("Hoje no plantão atendemos uma paciente com pré-eclâmpsia grave e a equipe foi incrível. Obrigada a todas pelo trabalho de vocês.", "Portuguese")]
    [InlineData("Aujourd'hui aux urgences nous avons reçu une patiente avec une prééclampsie sévère et l'équipe a été formidable. Merci à toutes.", "French")]
    [InlineData("Heute hatten wir auf der Intensivstation eine sehr lange Nacht, und das Team war einfach großartig. Danke an alle für die Arbeit.", "German")]
    [InlineData("Oggi in reparto abbiamo avuto una notte molto lunga e la squadra è stata fantastica. Grazie a tutti per il lavoro di questa settimana.", "Italian")]
    public void NotEnglish_DraftInAnotherLanguage_NamesIt(string draft, string language)
    {
        Assert.Equal(language, DraftLanguage.NotEnglish(draft));
    }

    [Theory]
    [InlineData("Huge thanks to our night team on 4 West for an incredible week. You make this place what it is!")]
    [InlineData("¡Gracias! Our Latinx Physicians Network had an amazing first meetup last night, and we are just getting started. #SomosMedicos")]
    [InlineData("Gracias, equipo!")]
    [InlineData("Dr. García y Dr. López presented our poster at #ACOG26 today: come see it at board 112 in the afternoon session.")]
    [InlineData("")]
    public void NotEnglish_EnglishShortOrMixedDraft_IsNull(string draft)
    {
        Assert.Null(DraftLanguage.NotEnglish(draft));
    }

    [Fact]
    public void Review_DraftInSpanish_CarriesTheNotice_AndAnEnglishOneNone()
    {
        var reviewer = new DraftReviewer(RulePack.LoadDefault());

        var spanish = reviewer.Review("Hoy en la guardia atendimos a una paciente con preeclampsia grave y el equipo estuvo increíble. Gracias a todas por su trabajo.");
        var english = reviewer.Review("Huge thanks to our night team on 4 West for an incredible week. You make this place what it is!");

        var notice = Assert.Single(spanish.Notices);
        Assert.Contains("Spanish", notice, StringComparison.Ordinal);
        Assert.Contains("read English", notice, StringComparison.Ordinal);
        Assert.Empty(english.Notices);
    }

    [Fact]
    public void ReviewJson_Notices_WrittenAfterTheRevisedTextOnlyWhenThereIsOne()
    {
        var reviewer = new DraftReviewer(RulePack.LoadDefault());

        var spanish = Json(reviewer.Review("Hoy en la guardia atendimos a una paciente con preeclampsia grave y el equipo estuvo increíble. Gracias a todas por su trabajo."));
        var english = Json(reviewer.Review("Huge thanks to our night team on 4 West for an incredible week. You make this place what it is!"));

        Assert.Equal(["verdict", "findings", "revisedText", "notices"], spanish.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["verdict", "findings", "revisedText"], english.RootElement.EnumerateObject().Select(p => p.Name));
    }

    private static System.Text.Json.JsonDocument Json(Review review)
    {
        using var stream = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(stream))
        {
            ReviewJson.Write(writer, review);
        }

        return System.Text.Json.JsonDocument.Parse(stream.ToArray());
    }
}
