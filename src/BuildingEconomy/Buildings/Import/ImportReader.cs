using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using MiniExcelLibs;
using NetTopologySuite.Features;
using NetTopologySuite.Geometries;
using NetTopologySuite.IO.Converters;

namespace BuildingEconomy.Buildings.Import;

public enum ImportFormat { Xlsx, Csv, GeoJson }

/// <summary>What the import is of: a workbook may hold both sheets; CSV and GeoJSON files hold one kind.</summary>
public enum ImportKind { Register, Buildings, Spaces }

/// <summary>One data row: its row number as the user sees it (the header is row 1), the values by field, and a geometry from GeoJSON.</summary>
public sealed record ImportRow(int Number, IReadOnlyDictionary<string, string> Values, Geometry? Geometry = null)
{
    public string? this[string field] => Values.TryGetValue(field, out var value) && value.Length > 0 ? value : null;
}

public sealed record ImportSheet(string Name, IReadOnlyList<ImportColumn> Columns, IReadOnlyList<ImportRow> Rows, IReadOnlyList<string> MissingColumns);

/// <summary>
/// Reads .xlsx (MiniExcel, streaming), CSV (CsvHelper; UTF-8 or, as Excel in China saves it, GB18030) and GeoJSON
/// (NetTopologySuite) into rows of text by field, so that one converter judges every format alike.
/// </summary>
public static class ImportReader
{
    static ImportReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static ImportFormat? FormatOf(string fileName) => Path.GetExtension(fileName).ToLowerInvariant() switch
    {
        ".xlsx" => ImportFormat.Xlsx,
        ".csv" => ImportFormat.Csv,
        ".geojson" or ".json" => ImportFormat.GeoJson,
        _ => null,
    };

    public static List<ImportSheet> Read(Stream content, ImportFormat format, ImportKind kind)
    {
        // The readers need to seek (xlsx is a zip) or to try an encoding twice.
        var buffer = new MemoryStream();
        content.CopyTo(buffer);
        buffer.Position = 0;
        return format switch
        {
            ImportFormat.Xlsx => ReadWorkbook(buffer, kind),
            ImportFormat.Csv => [ReadCsv(buffer, kind == ImportKind.Spaces ? ImportColumns.Spaces : ImportColumns.Buildings,
                kind == ImportKind.Spaces ? ImportColumns.SpacesSheet : ImportColumns.BuildingsSheet)],
            _ => [ReadGeoJson(buffer)],
        };
    }

    private static List<ImportSheet> ReadWorkbook(MemoryStream stream, ImportKind kind)
    {
        var names = MiniExcel.GetSheetNames(stream);
        stream.Position = 0;
        var sheets = new List<ImportSheet>();
        var wanted = kind switch
        {
            ImportKind.Buildings => [(ImportColumns.BuildingsSheet, ImportColumns.Buildings)],
            ImportKind.Spaces => [(ImportColumns.SpacesSheet, ImportColumns.Spaces)],
            _ => new[] { (ImportColumns.BuildingsSheet, ImportColumns.Buildings), (ImportColumns.SpacesSheet, ImportColumns.Spaces) },
        };
        foreach (var (sheet, columns) in wanted)
        {
            // A one-sheet workbook of one kind may name its sheet anything (Sheet1).
            var name = names.Contains(sheet) ? sheet : kind != ImportKind.Register && names.Count == 1 ? names[0] : null;
            if (name is null) continue;
            stream.Position = 0;
            var rows = new List<ImportRow>();
            var fields = new Dictionary<string, string>();
            var number = 1;
            var headerSeen = false;
            foreach (IDictionary<string, object?> raw in stream.Query(useHeaderRow: true, sheetName: name))
            {
                number++;
                if (!headerSeen)
                {
                    foreach (var header in raw.Keys)
                    {
                        if (ImportColumns.FieldOf(columns, header) is { } field) fields[header] = field;
                    }
                    headerSeen = true;
                }
                var values = new Dictionary<string, string>();
                foreach (var (header, field) in fields)
                {
                    values[field] = Text(raw.TryGetValue(header, out var v) ? v : null);
                }
                if (values.Values.All(v => v.Length == 0)) continue;
                rows.Add(new ImportRow(number, values));
            }
            if (!headerSeen)
            {
                stream.Position = 0;
                var headerRow = stream.Query(useHeaderRow: false, sheetName: name).FirstOrDefault() as IDictionary<string, object?>;
                // A sheet with nothing in it is one the user did not fill in, not one with missing columns.
                if (headerRow is null || headerRow.Values.All(v => Text(v).Length == 0)) continue;
                foreach (var header in headerRow.Values.Select(Text))
                {
                    if (ImportColumns.FieldOf(columns, header) is { } field) fields[header] = field;
                }
            }
            sheets.Add(new ImportSheet(sheet, columns, rows, Missing(columns, fields.Values)));
        }
        return sheets;
    }

    private static ImportSheet ReadCsv(MemoryStream stream, IReadOnlyList<ImportColumn> columns, string sheet)
    {
        // CsvHelper parses UTF-8 bytes in place (SIMD); going through a TextReader instead costs ten times as much on
        // a million rows. A GB18030 file is transcoded to UTF-8 once, up front. Values that repeat down a column (a
        // building's key, a status) are one string each, and records are turned into rows on every core: a national
        // file is a million rows, all held until the import ends.
        var bytes = IsUtf8(stream) ? stream.ToArray() : Encoding.UTF8.GetBytes(Encoding.GetEncoding("GB18030").GetString(stream.GetBuffer(), 0, (int)stream.Length));
        using var csv = CsvReader.Create(bytes, new CsvReaderOptions { TrimWhitespace = true, PoolStrings = true });
        var fields = csv.Headers.Select(h => ImportColumns.FieldOf(columns, h.TrimStart('\uFEFF'))).ToArray();
        var slots = FieldValues.Slots(fields);
        ImportRow? Row(CsvReader record)
        {
            var values = new string?[slots.Index.Count];
            var any = false;
            for (var i = 0; i < fields.Length && i < record.FieldCount; i++)
            {
                if (slots.OfColumn[i] is not (var slot and >= 0)) continue;
                var value = (record.GetString(i) ?? "").Trim();
                values[slot] = value;
                any |= value.Length > 0;
            }
            // The header is row 1 in a spreadsheet program, so the first record is row 2.
            return any ? new ImportRow((int)record.RowNumber + 1, new FieldValues(slots.Index, values)) : null;
        }
        var rows = bytes.Length < ParallelCsvBytes
            ? ReadAll(csv, Row)
            : csv.ParallelEnumerate(Row, Math.Max(2, Environment.ProcessorCount)).OfType<ImportRow>().ToList();
        return new ImportSheet(sheet, columns, rows, Missing(columns, fields.OfType<string>()));
    }

    /// <summary>Above this size a CSV file's records are turned into rows on several threads.</summary>
    internal const int ParallelCsvBytes = 1 << 20;

    private static List<ImportRow> ReadAll(CsvReader csv, Func<CsvReader, ImportRow?> row)
    {
        var rows = new List<ImportRow>();
        while (csv.Read())
        {
            if (row(csv) is { } r) rows.Add(r);
        }
        return rows;
    }

    private static bool IsUtf8(MemoryStream stream)
    {
        try
        {
            _ = new UTF8Encoding(false, throwOnInvalidBytes: true).GetCharCount(stream.GetBuffer(), 0, (int)stream.Length);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }

    private static ImportSheet ReadGeoJson(MemoryStream stream)
    {
        var columns = ImportColumns.Buildings;
        var options = new JsonSerializerOptions { Converters = { new GeoJsonConverterFactory() } };
        var collection = JsonSerializer.Deserialize<FeatureCollection>(stream, options) ?? [];
        var rows = new List<ImportRow>();
        var seen = new HashSet<string>();
        var number = 1;
        foreach (var feature in collection)
        {
            number++;
            var values = new Dictionary<string, string>();
            foreach (var name in feature.Attributes?.GetNames() ?? [])
            {
                if (ImportColumns.FieldOf(columns, name) is not { } field) continue;
                values[field] = Text(feature.Attributes![name]);
                seen.Add(field);
            }
            rows.Add(new ImportRow(number, values, feature.Geometry));
        }
        // A point or footprint stands in for the longitude and latitude columns.
        seen.Add("longitude");
        seen.Add("latitude");
        return new ImportSheet(ImportColumns.BuildingsSheet, columns, rows, Missing(columns, seen));
    }

    private static List<string> Missing(IReadOnlyList<ImportColumn> columns, IEnumerable<string> present)
    {
        var have = present.ToHashSet();
        return [.. columns.Where(c => c.Required && !have.Contains(c.Field)).Select(c => c.Header)];
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s.Trim(),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        decimal m => m.ToString(CultureInfo.InvariantCulture),
        DateTime t => t.TimeOfDay == TimeSpan.Zero ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : t.ToString("s", CultureInfo.InvariantCulture),
        bool b => b ? "是" : "否",
        JsonElement { ValueKind: JsonValueKind.String } e => e.GetString()!.Trim(),
        JsonElement { ValueKind: JsonValueKind.Null } => "",
        JsonElement { ValueKind: JsonValueKind.True } => "是",
        JsonElement { ValueKind: JsonValueKind.False } => "否",
        JsonElement { ValueKind: JsonValueKind.Array } e => string.Join('、', e.EnumerateArray().Select(x => Text(x))),
        JsonElement e => e.GetRawText(),
        IEnumerable<object> list => string.Join('、', list.Select(Text)),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture).Trim(),
        _ => value.ToString()?.Trim() ?? "",
    };
}

/// <summary>
/// A CSV row's values by field: one array per row over an index the rows of the file share, where a dictionary per
/// row cost more than the values themselves. A field the file has no column for is absent, as in a dictionary.
/// </summary>
internal sealed class FieldValues(FrozenDictionary<string, int> index, string?[] values) : IReadOnlyDictionary<string, string>
{
    /// <summary>Each field's slot, and each column's slot (-1 for a column the import does not read; a repeated field keeps its last column).</summary>
    public static (FrozenDictionary<string, int> Index, int[] OfColumn) Slots(string?[] fields)
    {
        var index = new Dictionary<string, int>();
        var ofColumn = new int[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is not { } field)
            {
                ofColumn[i] = -1;
                continue;
            }
            if (!index.TryGetValue(field, out var slot)) index[field] = slot = index.Count;
            ofColumn[i] = slot;
        }
        return (index.ToFrozenDictionary(), ofColumn);
    }

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        value = index.TryGetValue(key, out var slot) ? values[slot] : null;
        return value is not null;
    }

    public string this[string key] => TryGetValue(key, out var value) ? value : throw new KeyNotFoundException(key);

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public IEnumerable<string> Keys => index.Where(f => values[f.Value] is not null).Select(f => f.Key);

    public IEnumerable<string> Values => Keys.Select(k => this[k]);

    public int Count => Keys.Count();

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => Keys.Select(k => KeyValuePair.Create(k, this[k])).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
