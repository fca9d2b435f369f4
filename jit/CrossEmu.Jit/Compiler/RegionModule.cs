using System.Reflection;
using System.Reflection.Emit;

namespace CrossEmu.Jit.Compiler;

/// <summary>
/// The dynamic module an engine's regions are compiled into. It is collectible: once the engine
/// and its compiled regions are unreachable, the runtime frees their code. A process that runs
/// many guests one after another (the conformance command runs thousands of harness images)
/// would otherwise keep every region it ever compiled, several MiB per image.
/// The engine keeps the module, and so all its code, alive while it can run. The dynamic assembly
/// is made on first use, on the compile thread: a short program never pays for Reflection.Emit.
/// </summary>
public sealed class RegionModule
{
    static int counter;
    readonly Lazy<ModuleBuilder> lazyBuilder = new(() => AssemblyBuilder
        .DefineDynamicAssembly(new AssemblyName($"CrossEmu.Regions{Interlocked.Increment(ref counter)}"), AssemblyBuilderAccess.RunAndCollect)
        .DefineDynamicModule("regions"));

    ModuleBuilder Builder => lazyBuilder.Value;

    /// <summary>The dynamic assembly (a test watches it being collected).</summary>
    public Assembly Assembly => Builder.Assembly;

    /// <summary>Defines a type; ModuleBuilder is not thread-safe, and tests compile from several threads.</summary>
    public TypeBuilder DefineType(string name, TypeAttributes attributes)
    {
        lock (lazyBuilder) return Builder.DefineType(name, attributes);
    }

    public Type CreateType(TypeBuilder type)
    {
        lock (lazyBuilder) return type.CreateType();
    }
}
