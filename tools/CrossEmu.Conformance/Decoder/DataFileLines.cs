namespace CrossEmu.Conformance.Decoder;

/// <summary>The meaningful lines of a data file: '#' starts a comment, blank lines are skipped.</summary>
static class DataFileLines
{
    public static IEnumerable<(string Line, int Number)> Of(string text)
    {
        int number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            int hash = raw.IndexOf('#');
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length > 0) yield return (line, number);
        }
    }
}
