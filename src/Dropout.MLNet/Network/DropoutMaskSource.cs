using System.Numerics;
using System.Runtime.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;

namespace Dropout.MLNet.Network;

/// <summary>
/// A fast, seeded source of inverted-dropout masks: xoshiro128** running in every lane of a <see cref="Vector{T}"/>,
/// each 32-bit draw compared with p·2³² so an element survives with probability 1 - p (to 2⁻³²) and is then
/// exactly 1/(1-p). libtorch's CPU <c>rand</c> and <c>bernoulli</c> draw one number at a time from a Mersenne
/// twister, which made masks cost more than the matrix products of a tabular MLP; this draws a lane-width of
/// numbers per step, on the training thread, so a run stays repeatable under its seed.
/// </summary>
internal sealed class DropoutMaskSource
{
    private Lanes _lanes;

    public DropoutMaskSource(ulong seed)
    {
        int lanes = Vector<uint>.Count;
        var state = new uint[4 * lanes];
        for (int i = 0; i < state.Length; i += 2)
        {
            ulong value = SplitMix64(ref seed);
            state[i] = (uint)value;
            state[i + 1] = (uint)(value >> 32);
        }

        _lanes = new Lanes(new Vector<uint>(state, 0), new Vector<uint>(state, lanes), new Vector<uint>(state, 2 * lanes), new Vector<uint>(state, 3 * lanes));
    }

    /// <summary>A source seeded by a draw from the network's generator, so a run stays repeatable under its seed.</summary>
    public static DropoutMaskSource SeededFrom(Generator generator)
    {
        using var seed = randint(long.MaxValue, [1], ScalarType.Int64, generator: generator);
        return new DropoutMaskSource((ulong)seed.ToInt64());
    }

    /// <summary>Fills <paramref name="mask"/> with 0 (probability <paramref name="rate"/>) or 1/(1-rate).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void FillInverted(Span<float> mask, double rate)
    {
        var threshold = new Vector<uint>((uint)Math.Min(Math.Round(rate * 4294967296.0), uint.MaxValue));
        var scaleBits = new Vector<uint>(BitConverter.SingleToUInt32Bits((float)(1.0 / (1.0 - rate))));
        var bits = System.Runtime.InteropServices.MemoryMarshal.Cast<float, uint>(mask);
        int lanes = Vector<uint>.Count;
        int i = 0;

        // The generator's state runs in a local copy, which the JIT keeps in registers; stepped through the fields, each
        // draw stored and reloaded them (the mask's stores might alias the object), twice the time.
        var generator = _lanes;
        for (; i <= bits.Length - lanes; i += lanes)
        {
            (Vector.GreaterThanOrEqual(generator.Next(), threshold) & scaleBits).CopyTo(bits[i..]);
        }

        if (i < bits.Length)
        {
            Span<uint> tail = stackalloc uint[lanes];
            (Vector.GreaterThanOrEqual(generator.Next(), threshold) & scaleBits).CopyTo(tail);
            tail[..(bits.Length - i)].CopyTo(bits[i..]);
        }

        _lanes = generator;
    }

    private static Vector<uint> RotateLeft(Vector<uint> value, int count) => (value << count) | (value >> (32 - count));

    /// <summary>xoshiro128**'s four state words, one generator per lane.</summary>
    private struct Lanes(Vector<uint> s0, Vector<uint> s1, Vector<uint> s2, Vector<uint> s3)
    {
        private Vector<uint> _s0 = s0;
        private Vector<uint> _s1 = s1;
        private Vector<uint> _s2 = s2;
        private Vector<uint> _s3 = s3;

        /// <summary>One xoshiro128** step in every lane.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<uint> Next()
        {
            var result = RotateLeft(_s1 * 5u, 7) * 9u;
            var t = _s1 << 9;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = RotateLeft(_s3, 11);
            return result;
        }
    }

    private static ulong SplitMix64(ref ulong state)
    {
        ulong z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
