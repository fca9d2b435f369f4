using System.Reflection;

namespace CrossEmu.Isa.Ir;

/// <summary>A C# method that IR calls through CallHelper (aux = Id).</summary>
public sealed class IrHelper
{
    public required int Id { get; init; }
    public required MethodInfo Method { get; init; }
    /// <summary>The method's entry point, for the interpreter's indirect call.</summary>
    public required nint Pointer { get; init; }
    public string Name => $"{Method.DeclaringType!.Name}.{Method.Name}";
    public override string ToString() => Name;
}

/// <summary>
/// The process-wide registry of IR helpers. Frontends register their helpers once (in static
/// fields) and lift `CallHelper(a, b, c, helper: h.Id)`; backends find the method by id.
/// </summary>
public static class IrHelpers
{
    static readonly object gate = new();
    // copied on write, so that Get (the interpreter calls it per helper op) takes no lock
    static volatile IrHelper[] all = [];

    /// <summary>Registers a public static method `ulong F(byte* state, ulong a, ulong b, ulong c)`.</summary>
    public static IrHelper Register(Type type, string name)
    {
        var m = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)
            ?? throw new ArgumentException($"{type.Name}.{name}: no public static method of that name");
        var p = m.GetParameters();
        if (m.ReturnType != typeof(ulong) || p.Length != 4 || p[0].ParameterType != typeof(byte*)
            || p.Skip(1).Any(x => x.ParameterType != typeof(ulong)) || !type.IsVisible)
            throw new ArgumentException(
                $"{type.Name}.{name}: an IR helper is a public `static ulong F(byte* state, ulong a, ulong b, ulong c)` of a public type");
        lock (gate)
        {
            var h = new IrHelper { Id = all.Length, Method = m, Pointer = m.MethodHandle.GetFunctionPointer() };
            all = [.. all, h];
            return h;
        }
    }

    public static IrHelper Get(long id) => all[(int)id];
}
