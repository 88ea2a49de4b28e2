using System.Text.Json.Nodes;
using CommsBot.Cards.Templating;

namespace CommsBot.Cards.Tests.Templating;

public class CardTemplateTests
{
    private static CardTemplate Compile(string json)
    {
        var errors = new List<string>();
        var sut = CardTemplate.TryCompile("test.json", json, errors);
        Assert.Empty(errors);
        return sut!;
    }

    private static string Bind(string template, string data) =>
        Compile(template).Bind(JsonNode.Parse(data)).ToJsonString(CardJson.Output);

    [Fact]
    public void Build_AndWrite_GiveTheSameCard()
    {
        // the tree (Slack's blocks, nudges) and the text (Teams, the REST API) are two ways to bind one template:
        // splices, $when, $data over arrays, whole values of every JSON type, interpolation, and text to escape
        var sut = Compile("""
            {"type":"AdaptiveCard","body":[
              {"type":"TextBlock","text":"${title} — \"${count}\" <b>&</b> 😂","wrap":true},
              {"$data":"${items}","$when":"${keep}","type":"TextBlock","text":"${$index}: ${name}","value":"${value}"},
              {"$splice":[{"type":"A","n":"${n}"},{"type":"B","$when":"${flag}"}]},
              {"type":"Container","items":{"$data":"${inner}","x":"${x}","none":"${nothing}"},"raw":[1,2.5,true,null]}
            ]}
            """);
        var data = System.Text.Json.JsonSerializer.SerializeToElement(JsonNode.Parse("""
            {"title":"Ward \"6\" \u2028 tab\t","count":3,"n":2.50,"flag":false,
             "items":[{"keep":true,"name":"a","value":{"o":[1,"x"]}},{"keep":false,"name":"b","value":1},{"keep":true,"name":"c 🩺","value":null}],
             "inner":{"x":"<script>","nothing":null}}
            """));

        Assert.Equal(sut.Write(data), sut.Build(data).ToJsonString(CardJson.Output));
    }

    [Fact]
    public void Bind_PropertyPaths_ResolveNestedRootAndData()
    {
        var json = Bind("""{"a":"${name}","b":"${inner.value}","c":"${$root.name}","d":"${$data.name}"}""", """{"name":"N","inner":{"value":"V"}}""");

        Assert.Equal("""{"a":"N","b":"V","c":"N","d":"N"}""", json);
    }

    [Fact]
    public void Bind_WholeExpression_KeepsJsonType()
    {
        var json = Bind("""{"flag":"${f}","obj":"${o}","list":"${l}","n":"${n}","nothing":"${z}"}""", """{"f":true,"o":{"x":1},"l":[1,2],"n":3,"z":null}""");

        Assert.Equal("""{"flag":true,"obj":{"x":1},"list":[1,2],"n":3,"nothing":null}""", json);
    }

    [Fact]
    public void Bind_Interpolation_FormatsScalars()
    {
        var json = Bind("""{"t":"${s} ${n} ${b} [${z}]"}""", """{"s":"x","n":2.5,"b":false,"z":null}""");

        Assert.Equal("""{"t":"x 2.5 false []"}""", json);
    }

    [Fact]
    public void Bind_InterpolatedObject_ThrowsNamingTemplate()
    {
        var sut = Compile("""{"t":"a ${o}"}""");

        var ex = Assert.Throws<CardTemplateException>(() => sut.Bind(JsonNode.Parse("""{"o":{}}""")));

        Assert.Contains("test.json", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_DataOverArray_RepeatsItemWithIndex()
    {
        var json = Bind("""{"items":[{"x":1},{"$data":"${list}","v":"${name}","i":"${$index}","r":"${$root.title}"},{"x":2}]}""",
            """{"title":"T","list":[{"name":"a"},{"name":"b"}]}""");

        Assert.Equal("""{"items":[{"x":1},{"v":"a","i":0,"r":"T"},{"v":"b","i":1,"r":"T"},{"x":2}]}""", json);
    }

    [Fact]
    public void Bind_DataOverEmptyArray_RemovesItem()
    {
        var json = Bind("""{"items":[{"$data":"${list}","v":"${name}"}]}""", """{"list":[]}""");

        Assert.Equal("""{"items":[]}""", json);
    }

    [Fact]
    public void Bind_DataOverStringArray_BindsDataItself()
    {
        var json = Bind("""{"items":[{"$data":"${list}","t":"• ${$data}"}]}""", """{"list":["a","b"]}""");

        Assert.Equal("""{"items":[{"t":"• a"},{"t":"• b"}]}""", json);
    }

    [Fact]
    public void Bind_DataOverObject_ChangesScope()
    {
        var json = Bind("""{"card":{"$data":"${inner}","v":"${x}"}}""", """{"inner":{"x":"X"}}""");

        Assert.Equal("""{"card":{"v":"X"}}""", json);
    }

    [Theory]
    [InlineData("${show}", true)]
    [InlineData("${!show}", false)]
    [InlineData("${kind == 'a'}", true)]
    [InlineData("${kind != 'a'}", false)]
    [InlineData("${kind == \"a\"}", true)]
    [InlineData("${show && kind == 'b'}", false)]
    [InlineData("${show || kind == 'b'}", true)]
    [InlineData("${!(show && kind == 'b')}", true)]
    [InlineData("${count == 2}", true)]
    [InlineData("${count}", true)]
    [InlineData("${empty}", false)]
    [InlineData("${list}", false)]
    [InlineData("${nothing}", false)]
    [InlineData("${nothing == null}", true)]
    public void Bind_When_EvaluatesCondition(string when, bool kept)
    {
        var condition = when.Replace("\"", "\\\"", StringComparison.Ordinal);
        var template = "{\"items\":[{\"$when\":\"" + condition + "\",\"v\":1}],\"p\":{\"$when\":\"" + condition + "\",\"v\":2}}";
        var json = Bind(template,
            """{"show":true,"kind":"a","count":2,"empty":"","list":[],"nothing":null}""");

        Assert.Equal(kept ? """{"items":[{"v":1}],"p":{"v":2}}""" : """{"items":[]}""", json);
    }

    [Fact]
    public void Bind_WhenPerRepeatedItem_FiltersItems()
    {
        var json = Bind("""{"items":[{"$data":"${list}","$when":"${on}","v":"${v}"}]}""", """{"list":[{"on":true,"v":"a"},{"on":false,"v":"b"}]}""");

        Assert.Equal("""{"items":[{"v":"a"}]}""", json);
    }

    [Fact]
    public void Bind_Splice_InsertsSeveralItemsPerRepeat()
    {
        var json = Bind("""{"blocks":[{"t":0},{"$data":"${list}","$splice":[{"t":"${v}"},{"$when":"${extra}","t":"more"}]},{"$when":"${off}","$splice":[{"t":"never"}]}]}""",
            """{"off":false,"list":[{"v":"a","extra":true},{"v":"b","extra":false}]}""");

        Assert.Equal("""{"blocks":[{"t":0},{"t":"a"},{"t":"more"},{"t":"b"}]}""", json);
    }

    [Fact]
    public void Bind_HostileValues_AreEscapedAndNeverEvaluated()
    {
        var hostile = "\"}]} <script>alert('x')</script> & \\ \n ${secret} {{x}}";
        var data = new JsonObject { ["v"] = hostile, ["secret"] = "LEAKED" };

        var node = Compile("""{"a":"${v}","b":"pre ${v} post"}""").Bind(data);
        var reparsed = JsonNode.Parse(node.ToJsonString(CardJson.Output))!;

        Assert.Equal(hostile, reparsed["a"]!.GetValue<string>());
        Assert.Equal($"pre {hostile} post", reparsed["b"]!.GetValue<string>());
        Assert.DoesNotContain("LEAKED", node.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(["a", "b"], reparsed.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Bind_MissingProperty_ThrowsNamingTemplateAndExpression()
    {
        var sut = Compile("""{"a":"${nope.deeper}"}""");

        var ex = Assert.Throws<CardTemplateException>(() => sut.Bind(JsonNode.Parse("""{"x":1}""")));

        Assert.Contains("test.json", ex.Message, StringComparison.Ordinal);
        Assert.Contains("nope", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bind_SchemaAndPlainStrings_AreKeptAsIs()
    {
        var json = Bind("""{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","t":"no expressions $ { }"}""", "{}");

        Assert.Equal("""{"$schema":"http://adaptivecards.io/schemas/adaptive-card.json","t":"no expressions $ { }"}""", json);
    }

    [Theory]
    [InlineData("""{"a":"${x"}""", "no closing")]
    [InlineData("""{"a":"${x ==}"}""", "expected a value")]
    [InlineData("""{"a":"${x y}"}""", "unexpected")]
    [InlineData("""{"a":"${'open}"}""", "no closing")]
    [InlineData("""{"a":"${$parent.x}"}""", "unknown name")]
    [InlineData("""{"a":{"$when":"yes"}}""", "$when must be")]
    [InlineData("""{"a":[{"$data":"${a} ${b}"}]}""", "$data must be")]
    [InlineData("""{"a":[{"$splice":{}}]}""", "$splice must be an array")]
    [InlineData("""{"a":[{"$splice":[],"type":"x"}]}""", "$splice object")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"a":""", "invalid JSON")]
    public void TryCompile_BadTemplate_ReportsProblem(string json, string expected)
    {
        var errors = new List<string>();

        var sut = CardTemplate.TryCompile("bad.json", json, errors);

        Assert.Null(sut);
        var error = Assert.Single(errors);
        Assert.StartsWith("bad.json", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }
}
