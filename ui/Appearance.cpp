#include "ui/Appearance.h"

#include <QApplication>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

#include <memory>

namespace
{

const QString kThemeKey = QStringLiteral("appearance/theme");

// What the platform gave us before we changed anything, so "System" can go back to it.
struct PlatformLook
{
    QString styleName;
    QPalette palette;
    bool captured = false;
};

PlatformLook& platformLook()
{
    static PlatformLook look;
    if (!look.captured && qApp) {
        look.styleName = QApplication::style()->name();
        look.palette = QApplication::palette();
        look.captured = true;
    }
    return look;
}

} // namespace

Appearance::Theme Appearance::savedTheme()
{
    const QString name = QSettings().value(kThemeKey).toString();
    if (name == QLatin1String("dark")) {
        return Theme::Dark;
    }
    if (name == QLatin1String("light")) {
        return Theme::Light;
    }
    return Theme::System;
}

void Appearance::apply(Theme theme)
{
    const PlatformLook& platform = platformLook();
    switch (theme) {
    case Theme::System:
        QApplication::setStyle(QStyleFactory::create(platform.styleName));
        QApplication::setPalette(platform.palette);
        break;
    case Theme::Light:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(lightPalette());
        break;
    case Theme::Dark:
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(darkPalette());
        break;
    }
    const char* names[] = {"system", "light", "dark"};
    QSettings().setValue(kThemeKey, QString::fromLatin1(names[static_cast<int>(theme)]));
}

void Appearance::applySaved()
{
    platformLook();
    const Theme theme = savedTheme();
    if (theme != Theme::System) {
        apply(theme);
    }
}

QPalette Appearance::darkPalette()
{
    QPalette p;
    const QColor window(0x20, 0x24, 0x28);
    const QColor base(0x17, 0x1a, 0x1d);
    const QColor text(0xe6, 0xe8, 0xea);
    const QColor disabled(0x7c, 0x84, 0x8c);
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, QColor(0x22, 0x27, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x2c, 0x31, 0x36));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, disabled);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x2a, 0x2f, 0x34));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x3a, 0x40, 0x46));
    p.setColor(QPalette::Midlight, QColor(0x30, 0x36, 0x3b));
    p.setColor(QPalette::Mid, QColor(0x25, 0x2a, 0x2e));
    p.setColor(QPalette::Dark, QColor(0x12, 0x14, 0x16));
    p.setColor(QPalette::Shadow, Qt::black);
    p.setColor(QPalette::Highlight, QColor(0x00, 0x80, 0x69));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x53, 0xbd, 0xeb));
    p.setColor(QPalette::LinkVisited, QColor(0x9d, 0x8c, 0xf0));
    for (const auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabled);
    }
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x3a, 0x40, 0x46));
    return p;
}

QPalette Appearance::lightPalette()
{
    const std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette p = fusion->standardPalette();
    p.setColor(QPalette::Highlight, QColor(0x00, 0x80, 0x69));
    p.setColor(QPalette::HighlightedText, Qt::white);
    return p;
}

bool Appearance::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}
