namespace Dropout.MLNet.Benchmarks;

/// <summary>What a report run measures on: data, epochs, threads, and where the PyTorch peer and the saved models live.</summary>
internal sealed record ReportSettings(bool Smoke, int Epochs, int Threads, string DataFolder, string PyTorchScript, string ModelFolder);
