namespace CommsBot.Guidelines.Learned;

/// <summary>The two sums the heads are made of, shared by training and scoring so both compute them the same way.</summary>
internal static class LinearMath
{
    /// <summary>(v - mean) * scale, element-wise.</summary>
    public static float[] Standardise(float[] v, float[] mean, float[] scale)
    {
        var x = new float[v.Length];
        for (var i = 0; i < v.Length; i++)
        {
            x[i] = (v[i] - mean[i]) * scale[i];
        }

        return x;
    }

    /// <summary>bias + w · x.</summary>
    public static float Dot(float[] w, float bias, float[] x)
    {
        var z = bias;
        for (var i = 0; i < w.Length; i++)
        {
            z += w[i] * x[i];
        }

        return z;
    }

    /// <summary>The logistic function.</summary>
    public static float Sigmoid(float z) => 1f / (1f + MathF.Exp(-z));

    /// <summary>How long a draft is, for the stacker: 0 up to 280 characters (a post of one screen), then one more for
    /// each doubling, at most 3 (2,240 characters and over).</summary>
    public static float LengthFactor(int chars) => chars <= 280 ? 0f : Math.Min(3f, MathF.Log2(chars / 280f));
}
