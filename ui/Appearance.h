#pragma once

#include <QObject>
#include <QPalette>

// Light, dark, or whatever the desktop uses. "System" keeps the platform's own style and
// palette; Light and Dark use Fusion with a fixed palette, so the console looks the same on
// every desktop. Stored in QSettings "appearance/theme".
class Appearance : public QObject
{
    Q_OBJECT
public:
    enum class Theme
    {
        System,
        Light,
        Dark,
    };
    Q_ENUM(Theme)

    static Theme savedTheme();
    // Applies `theme` to the running application and remembers it.
    static void apply(Theme theme);
    // Applies the saved theme; call once after QApplication exists.
    static void applySaved();

    static QPalette darkPalette();
    static QPalette lightPalette();
    static bool isDark(const QPalette& palette);
};
