#pragma once

// Configurations for tests that start a real service or show the setup page.
#include "app/config/Config.h"

#include <QHostAddress>
#include <QString>
#include <QTcpServer>

#include <utility>

namespace ConfigSupport
{

// A port nothing listens on right now (loopback).
inline quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// A configuration with these keys, as if given on the command line.
inline Config with(const QList<std::pair<QString, QString>>& values)
{
    Config config;
    for (const auto& [key, value] : values) {
        config.set(key, value, {Config::Source::CommandLine, QString()});
    }
    return config;
}

// The sandbox provider with its store and media under `folder`, listening on `port`.
inline Config sandbox(const QString& folder, quint16 port)
{
    return with({{ConfigKey::Provider, QStringLiteral("sandbox")},
                 {ConfigKey::Listen, QStringLiteral("127.0.0.1:%1").arg(port)},
                 {ConfigKey::Database, folder + QStringLiteral("/flowchat.sqlite")},
                 {ConfigKey::MediaCache, folder + QStringLiteral("/media")}});
}

} // namespace ConfigSupport
