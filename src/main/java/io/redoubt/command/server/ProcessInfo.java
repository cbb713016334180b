package io.redoubt.command.server;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Facts about this JVM process that INFO reports where Redis reports its own: OS, executable, memory and CPU
 * time. Linux figures come from /proc; elsewhere the JVM's own counters stand in, or -1 where none exist.
 */
final class ProcessInfo {
    /** Linux's USER_HZ, the unit of CPU times in /proc/self/stat; 100 on every mainstream architecture. */
    private static final double CLOCK_TICKS = 100.0;

    private ProcessInfo() {
    }

    /** As uname prints it for Redis: "Linux 6.1.0 x86_64". */
    static String os() {
        String arch = System.getProperty("os.arch", "");
        if (arch.equals("amd64")) {
            arch = "x86_64";
        }
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + arch;
    }

    static String archBits() {
        return System.getProperty("sun.arch.data.model", "64");
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    /** The java binary running Redoubt: the closest thing to Redis's executable path. */
    static String executable() {
        return ProcessHandle.current().info().command().orElse("");
    }

    /** Bytes of Java heap in use: Redoubt's data lives there, so it stands for Redis's used_memory. */
    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The sum of the heap pools' peak usage: an upper bound of the heap's peak, never below heapUsed. */
    static long heapPeak() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return Math.max(peak, heapUsed());
    }

    static long heapMax() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getMax();
    }

    /** Resident set size in bytes from /proc/self/status, or -1 where there is no /proc. */
    static long rss() {
        for (String line : procLines("/proc/self/status")) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024;
            }
        }
        return -1;
    }

    static long totalSystemMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    /** {system, user} CPU seconds of the whole process. */
    static double[] cpuSeconds() {
        List<String> stat = procLines("/proc/self/stat");
        if (!stat.isEmpty()) {
            String line = stat.get(0);
            // fields after the parenthesised command name, which may itself contain spaces
            String[] f = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return new double[] {Long.parseLong(f[12]) / CLOCK_TICKS, Long.parseLong(f[11]) / CLOCK_TICKS};
        }
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return new double[] {0, os.getProcessCpuTime() / 1e9};
        }
        return new double[] {0, 0};
    }

    private static List<String> procLines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** Redis's bytesToHuman: 1023B, 1.20K, 3.50M, ... */
    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String units = "KMGTPE";
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length() - 1) {
            v /= 1024;
            u++;
        }
        return String.format(java.util.Locale.ROOT, "%.2f%c", v, units.charAt(u));
    }
}
