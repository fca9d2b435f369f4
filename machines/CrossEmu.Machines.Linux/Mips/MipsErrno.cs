namespace CrossEmu.Machines.Linux.Mips;

/// <summary>
/// errno numbers of MIPS Linux (arch/mips/include/uapi/asm/errno.h): 1-34 are the generic ones,
/// most above differ. The table holds (host x86-64, MIPS) for every number that differs, matched by name.
/// </summary>
static class MipsErrno
{
    static readonly (int Host, int Mips)[] Differences =
    [
        (35, 45) /* EDEADLK */, (36, 78) /* ENAMETOOLONG */, (37, 46) /* ENOLCK */, (38, 89) /* ENOSYS */,
        (39, 93) /* ENOTEMPTY */, (40, 90) /* ELOOP */, (42, 35) /* ENOMSG */, (43, 36) /* EIDRM */,
        (44, 37) /* ECHRNG */, (45, 38) /* EL2NSYNC */, (46, 39) /* EL3HLT */, (47, 40) /* EL3RST */,
        (48, 41) /* ELNRNG */, (49, 42) /* EUNATCH */, (50, 43) /* ENOCSI */, (51, 44) /* EL2HLT */,
        (52, 50) /* EBADE */, (53, 51) /* EBADR */, (54, 52) /* EXFULL */, (55, 53) /* ENOANO */,
        (56, 54) /* EBADRQC */, (57, 55) /* EBADSLT */, (72, 74) /* EMULTIHOP */, (74, 77) /* EBADMSG */,
        (75, 79) /* EOVERFLOW */, (76, 80) /* ENOTUNIQ */, (77, 81) /* EBADFD */, (78, 82) /* EREMCHG */,
        (79, 83) /* ELIBACC */, (80, 84) /* ELIBBAD */, (81, 85) /* ELIBSCN */, (82, 86) /* ELIBMAX */,
        (83, 87) /* ELIBEXEC */, (84, 88) /* EILSEQ */, (85, 91) /* ERESTART */, (86, 92) /* ESTRPIPE */,
        (87, 94) /* EUSERS */, (88, 95) /* ENOTSOCK */, (89, 96) /* EDESTADDRREQ */, (90, 97) /* EMSGSIZE */,
        (91, 98) /* EPROTOTYPE */, (92, 99) /* ENOPROTOOPT */, (93, 120) /* EPROTONOSUPPORT */,
        (94, 121) /* ESOCKTNOSUPPORT */, (95, 122) /* EOPNOTSUPP */, (96, 123) /* EPFNOSUPPORT */,
        (97, 124) /* EAFNOSUPPORT */, (98, 125) /* EADDRINUSE */, (99, 126) /* EADDRNOTAVAIL */,
        (100, 127) /* ENETDOWN */, (101, 128) /* ENETUNREACH */, (102, 129) /* ENETRESET */,
        (103, 130) /* ECONNABORTED */, (104, 131) /* ECONNRESET */, (105, 132) /* ENOBUFS */,
        (106, 133) /* EISCONN */, (107, 134) /* ENOTCONN */, (108, 143) /* ESHUTDOWN */,
        (109, 144) /* ETOOMANYREFS */, (110, 145) /* ETIMEDOUT */, (111, 146) /* ECONNREFUSED */,
        (112, 147) /* EHOSTDOWN */, (113, 148) /* EHOSTUNREACH */, (114, 149) /* EALREADY */,
        (115, 150) /* EINPROGRESS */, (116, 151) /* ESTALE */, (117, 135) /* EUCLEAN */, (118, 137) /* ENOTNAM */,
        (119, 138) /* ENAVAIL */, (120, 139) /* EISNAM */, (121, 140) /* EREMOTEIO */, (122, 1133) /* EDQUOT */,
        (123, 159) /* ENOMEDIUM */, (124, 160) /* EMEDIUMTYPE */, (125, 158) /* ECANCELED */,
        (126, 161) /* ENOKEY */, (127, 162) /* EKEYEXPIRED */, (128, 163) /* EKEYREVOKED */,
        (129, 164) /* EKEYREJECTED */, (130, 165) /* EOWNERDEAD */, (131, 166) /* ENOTRECOVERABLE */,
        (132, 167) /* ERFKILL */, (133, 168) /* EHWPOISON */,
    ];

    static readonly Dictionary<int, int> ToMips = Differences.ToDictionary(d => d.Host, d => d.Mips);

    public static int FromHost(int hostErrno) => ToMips.GetValueOrDefault(hostErrno, hostErrno);
}
