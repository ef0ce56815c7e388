using System.Resources;

// The neutral resources are the Chinese text: zh-CN is the default UI language, and English is the satellite.
[assembly: NeutralResourcesLanguage("zh-CN")]

namespace BuildingEconomy.Localization;

/// <summary>
/// The anchor type for IStringLocalizer&lt;SharedResource&gt;: one resource file for all UI text, so a
/// translator works through one list. SharedResource.resx is Chinese, SharedResource.en.resx English.
/// </summary>
public sealed class SharedResource;
