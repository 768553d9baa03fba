using TorchSharp;
using TorchSharp.Modules;

namespace Dropout.MLNet.Training;

/// <summary>Creates the optimizer the options ask for over the network's parameters.</summary>
internal static class OptimizerFactory
{
    public static torch.optim.Optimizer Create(IEnumerable<Parameter> parameters, DropoutMlpOptionsBase options) => options.Optimizer switch
    {
        DropoutMlpOptimizer.Adam => torch.optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        DropoutMlpOptimizer.Sgd => torch.optim.SGD(parameters, options.LearningRate, momentum: options.Momentum, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Optimizer, "Unknown optimizer."),
    };
}
