using Dropout.MLNet.Network;
using TorchSharp.Modules;

namespace Dropout.MLNet.Training;

/// <summary>Creates the optimizer the options ask for over the network's parameters.</summary>
internal static class OptimizerFactory
{
    public static ParameterOptimizer Create(IReadOnlyList<Parameter> parameters, DropoutMlpOptionsBase options, ThreadTeam team) => options.Optimizer switch
    {
        DropoutMlpOptimizer.Adam => new AdamOptimizer(parameters, options.LearningRate, options.WeightDecay, team, options.AdamBeta2),
        DropoutMlpOptimizer.Sgd => new SgdOptimizer(parameters, options.LearningRate, options.Momentum, options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };
}
