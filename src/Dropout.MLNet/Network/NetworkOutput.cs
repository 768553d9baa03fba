namespace Dropout.MLNet.Network;

/// <summary>What a network's outputs are, which says how an ensemble's members are averaged (<see cref="EnsembleAverage"/>).</summary>
internal enum NetworkOutput
{
    /// <summary>Values (regression): the members' mean.</summary>
    Values,

    /// <summary>One logit of a binary class: the logit of the members' mean probability.</summary>
    Logit,

    /// <summary>One logit per class: the logarithms of the members' mean probabilities.</summary>
    ClassLogits,
}
