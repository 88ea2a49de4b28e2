namespace CommsBot.Guidelines;

/// <summary>How much a finding matters. Ordered from least to most serious.</summary>
public enum Severity
{
    /// <summary>Names a DO that the draft already follows.</summary>
    Praise = 0,

    /// <summary>Would make a good post better.</summary>
    Suggestion = 1,

    /// <summary>Should be revised before posting.</summary>
    Warning = 2,

    /// <summary>Must not be posted as written.</summary>
    Blocker = 3,
}

/// <summary>The overall outcome of a check, from the worst finding.</summary>
public enum Verdict
{
    /// <summary>No blocker or warning: the draft can be posted.</summary>
    Ready = 0,

    /// <summary>The worst finding is a warning.</summary>
    Revise = 1,

    /// <summary>The worst finding is a blocker.</summary>
    DoNotPost = 2,
}

/// <summary>Whether a rule flags a risk (a DON'T) or recognises a good habit (a DO).</summary>
public enum RuleCategory
{
    /// <summary>A DON'T or a risk; counted in a corpus line's <c>issues</c>.</summary>
    Issue = 0,

    /// <summary>A DO; counted in a corpus line's <c>tags</c>.</summary>
    Opportunity = 1,
}
