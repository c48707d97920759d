#pragma once

#include "app/config/Config.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

class QSettings;

// Builds a Config from its sources, highest first: the command line (--set KEY=VALUE), the process
// environment, a .env file (--env-file, else ./.env, else the config folder's .env), and settings
// saved from the GUI. An empty value counts as unset, so the next source applies.
// Every source is injectable so tests never touch the user's files.
class ConfigLoader
{
public:
    static QString organizationName(); // "FlowChat", for QSettings and QStandardPaths
    static QString applicationName(); // "FlowChat"
    static QString settingsGroup(); // saved values live under [config]

    void setCommandLineValues(const QStringList& assignments); // each "KEY=VALUE"
    void setEnvFile(const QString& path); // --env-file: must exist
    void setEnvironment(const QProcessEnvironment& environment); // default: the process environment
    void setSettings(QSettings* settings); // not owned; default: FlowChat's own
    void setWorkingDirectory(const QString& path); // where ./.env is looked for
    void setConfigDirectory(const QString& path); // default: AppConfigLocation
    // Secrets saved from the GUI (SecretStore): they rank with the saved settings. `where` names
    // the keychain or the private file, for Config::Origin.
    void setSavedSecrets(const QHash<QString, QString>& secrets, const QString& where);

    // The .env that load() reads: the --env-file, else the first that exists; empty when none.
    QString envFileToRead() const;

    Config load() const;

private:
    void loadSettings(Config& config) const;
    void loadEnvFile(Config& config) const;
    void loadEnvironment(Config& config) const;
    void loadCommandLine(Config& config) const;

    QStringList m_assignments;
    QString m_envFile;
    std::optional<QProcessEnvironment> m_environment;
    QSettings* m_settings = nullptr;
    QString m_workingDirectory;
    QString m_configDirectory;
    QHash<QString, QString> m_savedSecrets;
    QString m_savedSecretsOrigin;
};
