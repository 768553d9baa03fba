using Microsoft.ML;

namespace Dropout.MLNet.Tests.Infrastructure;

/// <summary>A seeded ML.NET context, so every test starts from the same randomness.</summary>
internal sealed class MLContextFixture
{
    public MLContext Context { get; } = new(seed: 1);
}
