using CrossEmu.Devices.Bus;
using CrossEmu.Devices.Interrupts;
using CrossEmu.Devices.Logging;
using CrossEmu.Devices.Machine;
using CrossEmu.Devices.Registers;
using CrossEmu.Devices.Time;

namespace CrossEmu.Devices.Peripherals;

/// <summary>
/// The MC146818 real-time clock and CMOS RAM (PC ports 0x70/0x71): index port at offset 0 (bit 7
/// masks NMI), data port at offset 1. Time comes from the <see cref="VirtualClock"/>'s wall clock
/// (UTC) and may be set by the guest (SET in register B freezes updates while it writes). BCD or
/// binary (B.DM), 12 or 24 hours (B.24/12), century in CMOS byte 0x32. Register A reports UIP in
/// the 244 µs before each update; register C latches PF, AF, UF and IRQF and clears on read;
/// register D reports a valid battery. The periodic (PIE, rate from A.RS), alarm (AIE) and update
/// (UIE) interrupts drive the IRQ line until register C is read. The 114 bytes from 0x0E are RAM.
/// </summary>
public sealed class Mc146818 : IBusPeripheral, IResettable
{
    const int CenturyIndex = 0x32;
    static readonly TimeSpan UpdateInProgress = TimeSpan.FromTicks(2440); // 244 µs

    readonly object gate = new();
    readonly IrqLine irq;
    readonly VirtualClock clock;
    readonly DeviceLog log;
    readonly RegisterCollection ports, cmos;
    readonly ClockTimer updateTimer, periodicTimer;

    RegisterField index = null!, rs = null!, dv = null!;
    FlagField nmiDisabled = null!, set = null!, pie = null!, aie = null!, uie = null!, dm = null!, hour24 = null!;
    FlagField pf = null!, af = null!, uf = null!;
    DateTime baseTime;     // the guest's time at clock time baseNow
    TimeSpan baseNow;
    DateTime latched;      // the time registers while SET is on
    TimeSpan lastPeriodicCheck;

    /// <param name="irq">The RTC interrupt (ISA IRQ 8).</param>
    /// <param name="clock">Time source; its wall-clock base is the time at machine start.</param>
    /// <param name="log">Unimplemented/guest-error log.</param>
    public Mc146818(IrqLine irq, VirtualClock clock, DeviceLog? log = null)
    {
        this.irq = irq;
        this.clock = clock;
        this.log = log ?? new DeviceLog();
        ports = new RegisterCollection(nameof(Mc146818), this.log, 8);
        cmos = new RegisterCollection(nameof(Mc146818) + ".CMOS", this.log, 8);
        updateTimer = clock.CreateTimer("mc146818 update", OnUpdate);
        periodicTimer = clock.CreateTimer("mc146818 periodic", OnPeriodic);
        DefineRegisters();
        baseTime = clock.WallClockBase.UtcDateTime;
        baseNow = TimeSpan.Zero;
        Reset();
    }

    public AccessWidths Widths => AccessWidths.Byte;

    /// <summary>Whether the guest masked NMIs (index port bit 7).</summary>
    public bool NmiMasked
    {
        get { lock (gate) return nmiDisabled.Value; }
    }

    /// <summary>The guest's current time (what the time registers show).</summary>
    public DateTime GuestTime
    {
        get { lock (gate) return set.Value ? latched : Current; }
    }

    /// <summary>The 114 CMOS RAM bytes at 0x0E-0x7F, for firmware tables a machine writes at start.</summary>
    public void SetCmosByte(int cmosIndex, byte value)
    {
        if (cmosIndex is < 0x0E or > 0x7F) throw new ArgumentOutOfRangeException(nameof(cmosIndex), "CMOS RAM is 0x0E-0x7F");
        lock (gate) cmos[(ulong)cmosIndex].RawValue = value;
    }

    void DefineRegisters()
    {
        ports.DefineRegister(0, "INDEX")
            .WithValueField(0, 7, out index, "ADDR", FieldMode.Write)
            .WithFlag(7, out nmiDisabled, "NMI_DIS", FieldMode.Write);
        ports.DefineRegister(1, "DATA")
            .WithValueField(0, 8, "DATA", FieldMode.Read, valueProvider: () => ReadCmos(index.Value))
            .WithValueField(0, 8, "DATA", FieldMode.Write, writeCallback: v => cmos.Write(index.Value, v));

        DefineTime(0x00, "SECONDS", t => t.Second, (t, v) => t.AddSeconds(v - t.Second), 59);
        cmos.DefineRegister(0x01, "SECONDS_ALARM");
        DefineTime(0x02, "MINUTES", t => t.Minute, (t, v) => t.AddMinutes(v - t.Minute), 59);
        cmos.DefineRegister(0x03, "MINUTES_ALARM");
        cmos.DefineRegister(0x04, "HOURS")
            .WithValueField(0, 8, "HOURS", FieldMode.Read, valueProvider: () => EncodeHours(Shown.Hour))
            .WithValueField(0, 8, "HOURS", FieldMode.Write, writeCallback: v =>
            {
                int? h = DecodeHours((byte)v);
                if (h == null) log.GuestError($"{nameof(Mc146818)}.HOURS", $"invalid hours 0x{v:x2} (ignored)");
                else SetShown(Shown.AddHours(h.Value - Shown.Hour));
            });
        cmos.DefineRegister(0x05, "HOURS_ALARM");
        DefineTime(0x06, "DAY_OF_WEEK", t => (int)t.DayOfWeek + 1, (t, v) => t, 7); // derived from the date; writes ignored
        DefineTime(0x07, "DAY_OF_MONTH", t => t.Day, (t, v) => v >= 1 && v <= DateTime.DaysInMonth(t.Year, t.Month) ? t.AddDays(v - t.Day) : t, 31);
        DefineTime(0x08, "MONTH", t => t.Month, (t, v) => v is >= 1 and <= 12 ? SafeDate(t.Year, v, t) : t, 12);
        DefineTime(0x09, "YEAR", t => t.Year % 100, (t, v) => SafeDate(t.Year / 100 * 100 + v, t.Month, t), 99);

        cmos.DefineRegister(0x0A, "REG_A", 0x26)
            .WithValueField(0, 4, out rs, "RS", changeCallback: (_, _) => ScheduleTimers())
            .WithValueField(4, 3, out dv, "DV", changeCallback: (_, _) => ScheduleTimers())
            .WithFlag(7, "UIP", FieldMode.Read, valueProvider: UpdateInProgressNow);
        cmos.DefineRegister(0x0B, "REG_B", 0x02)
            .WithTag("DSE", 0, 1)
            .WithFlag(1, out hour24, "24/12")
            .WithFlag(2, out dm, "DM")
            .WithTag("SQWE", 3, 1)
            .WithFlag(4, out uie, "UIE")
            .WithFlag(5, out aie, "AIE")
            .WithFlag(6, out pie, "PIE")
            .WithFlag(7, out set, "SET", changeCallback: (_, on) =>
            {
                if (on) latched = Current;
                else Rebase(latched);
            })
            .WithWriteCallback((_, _) =>
            {
                ScheduleTimers();
                UpdateIrq();
            });
        cmos.DefineRegister(0x0C, "REG_C")
            .WithReservedBits(0, 4)
            .WithFlag(4, out uf, "UF", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(5, out af, "AF", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(6, out pf, "PF", FieldMode.Read | FieldMode.ReadToClear)
            .WithFlag(7, "IRQF", FieldMode.Read, valueProvider: () => Irqf)
            .WithReadCallback((_, _) => UpdateIrq());
        cmos.DefineRegister(0x0D, "REG_D")
            .WithReservedBits(0, 7)
            .WithFlag(7, "VRT", FieldMode.Read, valueProvider: () => true);
        for (int i = 0x0E; i < 0x80; i++)
        {
            if (i == CenturyIndex)
                cmos.DefineRegister(CenturyIndex, "CENTURY")
                    .WithValueField(0, 8, "CENTURY", FieldMode.Read, valueProvider: () => Encode(Shown.Year / 100))
                    .WithValueField(0, 8, "CENTURY", FieldMode.Write, writeCallback: v =>
                    {
                        int c = Decode((byte)v);
                        if (c is >= 1 and <= 99) SetShown(SafeDate(c * 100 + Shown.Year % 100, Shown.Month, Shown));
                    });
            else cmos.DefineRegister((ulong)i, $"RAM{i:X2}");
        }
    }

    void DefineTime(ulong offset, string name, Func<DateTime, int> get, Func<DateTime, int, DateTime> with, int max) =>
        cmos.DefineRegister(offset, name)
            .WithValueField(0, 8, name, FieldMode.Read, valueProvider: () => Encode(get(Shown)))
            .WithValueField(0, 8, name, FieldMode.Write, writeCallback: v =>
            {
                int value = Decode((byte)v);
                if (value < 0 || value > max)
                    log.GuestError($"{nameof(Mc146818)}.{name}", $"invalid value 0x{v:x2} (ignored)");
                else SetShown(with(Shown, value));
            });

    static DateTime SafeDate(int year, int month, DateTime t)
    {
        year = Math.Clamp(year, 1, 9999);
        int day = Math.Min(t.Day, DateTime.DaysInMonth(year, month));
        return new DateTime(year, month, day, t.Hour, t.Minute, t.Second, DateTimeKind.Utc).AddTicks(t.Ticks % TimeSpan.TicksPerSecond);
    }

    public void Reset()
    {
        lock (gate)
        {
            var keep = Current;
            ports.Reset();
            // Only the control bits of A-D reset; the time and CMOS RAM survive (battery-backed).
            foreach (ulong r in new ulong[] { 0x0A, 0x0B, 0x0C, 0x0D }) cmos[r].Reset();
            Rebase(keep);
            lastPeriodicCheck = clock.Now;
            UpdateIrq();
        }
    }

    public ulong Read(ulong offset, AccessWidth width)
    {
        lock (gate) return ports.Read(offset);
    }

    public void Write(ulong offset, AccessWidth width, ulong value)
    {
        lock (gate) ports.Write(offset, value & 0xff);
    }

    ulong ReadCmos(ulong i)
    {
        if (i == 0x0C) LatchPeriodicFlag();
        return cmos.Read(i);
    }

    DateTime Current => baseTime + (clock.Now - baseNow);

    /// <summary>The time the registers show: frozen while SET is on.</summary>
    DateTime Shown => set.Value ? latched : Current;

    void SetShown(DateTime t)
    {
        if (set.Value) latched = t;
        else Rebase(t);
    }

    void Rebase(DateTime t)
    {
        baseTime = t;
        baseNow = clock.Now;
        ScheduleTimers();
    }

    bool Running => dv.Value == 2 && !set.Value;

    bool UpdateInProgressNow()
    {
        if (!Running) return false;
        long fraction = Current.Ticks % TimeSpan.TicksPerSecond;
        return fraction >= TimeSpan.TicksPerSecond - UpdateInProgress.Ticks;
    }

    ulong Encode(int value) => dm.Value ? (ulong)value : (ulong)((value / 10) << 4 | value % 10);

    int Decode(byte value)
    {
        if (dm.Value) return value;
        int hi = value >> 4, lo = value & 0xf;
        return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }

    ulong EncodeHours(int hour)
    {
        if (hour24.Value) return Encode(hour);
        int h12 = hour % 12 == 0 ? 12 : hour % 12;
        return Encode(h12) | (hour >= 12 ? 0x80UL : 0);
    }

    int? DecodeHours(byte value)
    {
        if (hour24.Value)
        {
            int h = Decode(value);
            return h is >= 0 and <= 23 ? h : null;
        }
        bool pm = (value & 0x80) != 0;
        int h12 = Decode((byte)(value & 0x7f));
        if (h12 is < 1 or > 12) return null;
        return h12 % 12 + (pm ? 12 : 0);
    }

    /// <summary>The periodic interrupt's period from A.RS, or null when RS is 0.</summary>
    TimeSpan? PeriodicPeriod
    {
        get
        {
            int r = (int)rs.Value;
            if (r == 0) return null;
            double hz = r <= 2 ? 256 >> (r - 1) : 32768 >> (r - 1);
            return TimeSpan.FromTicks((long)Math.Round(TimeSpan.TicksPerSecond / hz));
        }
    }

    void ScheduleTimers()
    {
        if (Running)
        {
            long fraction = Current.Ticks % TimeSpan.TicksPerSecond;
            updateTimer.Start(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - fraction));
        }
        else updateTimer.Cancel();
        if (pie.Value && PeriodicPeriod is { } period && dv.Value == 2) periodicTimer.StartPeriodic(period);
        else periodicTimer.Cancel();
    }

    /// <summary>Without PIE no timer runs; PF is computed when the guest reads register C.</summary>
    void LatchPeriodicFlag()
    {
        var now = clock.Now;
        if (!pie.Value && PeriodicPeriod is { } period && now - lastPeriodicCheck >= period) pf.Value = true;
        lastPeriodicCheck = now;
    }

    void OnUpdate()
    {
        lock (gate)
        {
            if (!Running) return;
            uf.Value = true;
            var t = Current;
            if (AlarmMatches(0x05, EncodeHours(t.Hour)) && AlarmMatches(0x03, Encode(t.Minute)) && AlarmMatches(0x01, Encode(t.Second)))
                af.Value = true;
            // Next boundary of the guest's seconds.
            long fraction = t.Ticks % TimeSpan.TicksPerSecond;
            updateTimer.Start(TimeSpan.FromTicks(TimeSpan.TicksPerSecond - fraction));
            UpdateIrq();
        }
    }

    bool AlarmMatches(ulong alarmIndex, ulong current)
    {
        ulong alarm = cmos[alarmIndex].RawValue;
        return (alarm & 0xC0) == 0xC0 || alarm == current;
    }

    void OnPeriodic()
    {
        lock (gate)
        {
            pf.Value = true;
            lastPeriodicCheck = clock.Now;
            UpdateIrq();
        }
    }

    bool Irqf => (pf.Value && pie.Value) || (af.Value && aie.Value) || (uf.Value && uie.Value);

    void UpdateIrq() => irq.Set(Irqf);
}
