#include "app/config/ConfigLoader.h"

#include "app/AppLogging.h"
#include "app/config/EnvFile.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>

#include <memory>

namespace
{

// Keys with our prefixes that we do not know are most likely typos.
bool looksLikeOurs(const QString& key)
{
    return key.startsWith(QLatin1String("FLOWCHAT_")) || key.startsWith(QLatin1String("WHATSAPP_"))
           || key.startsWith(QLatin1String("TWILIO_"));
}

} // namespace

QString ConfigLoader::organizationName()
{
    return QStringLiteral("FlowChat");
}

QString ConfigLoader::applicationName()
{
    return QStringLiteral("FlowChat");
}

QString ConfigLoader::settingsGroup()
{
    return QStringLiteral("config");
}

void ConfigLoader::setCommandLineValues(const QStringList& assignments)
{
    m_assignments = assignments;
}

void ConfigLoader::setEnvFile(const QString& path)
{
    m_envFile = path;
}

void ConfigLoader::setEnvironment(const QProcessEnvironment& environment)
{
    m_environment = environment;
}

void ConfigLoader::setSettings(QSettings* settings)
{
    m_settings = settings;
}

void ConfigLoader::setWorkingDirectory(const QString& path)
{
    m_workingDirectory = path;
}

void ConfigLoader::setConfigDirectory(const QString& path)
{
    m_configDirectory = path;
}

void ConfigLoader::setSavedSecrets(const QHash<QString, QString>& secrets, const QString& where)
{
    m_savedSecrets = secrets;
    m_savedSecretsOrigin = where;
}

QString ConfigLoader::envFileToRead() const
{
    if (!m_envFile.isEmpty()) {
        return m_envFile;
    }
    const QString workingDirectory = m_workingDirectory.isEmpty() ? QDir::currentPath() : m_workingDirectory;
    const QString configDirectory = m_configDirectory.isEmpty()
                                        ? QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation)
                                        : m_configDirectory;
    for (const QString& folder : {workingDirectory, configDirectory}) {
        const QFileInfo candidate(QDir(folder).filePath(QStringLiteral(".env")));
        if (candidate.isFile()) {
            return candidate.absoluteFilePath();
        }
    }
    return QString();
}

Config ConfigLoader::load() const
{
    // Lowest first, so each source overwrites what the one below it gave.
    Config config;
    loadSettings(config);
    loadEnvFile(config);
    loadEnvironment(config);
    loadCommandLine(config);

    for (const QString& key : Config::keys()) {
        qCDebug(lcConfig).noquote() << key << "=" << Config::redacted(key, config.value(key)) << "from"
                                    << config.origin(key).describe();
    }
    const QList<Error> problems = config.validate();
    qCInfo(lcConfig).noquote() << "provider" << Config::providerName(config.provider()) << "with" << problems.size()
                               << "configuration problem(s) and" << config.warnings().size() << "warning(s); .env:"
                               << (config.envFilePath().isEmpty() ? QStringLiteral("none") : config.envFilePath());
    return config;
}

void ConfigLoader::loadSettings(Config& config) const
{
    std::unique_ptr<QSettings> own;
    QSettings* settings = m_settings;
    if (!settings) {
        own = std::make_unique<QSettings>(organizationName(), applicationName());
        settings = own.get();
    }
    const Config::Origin origin{Config::Source::SavedSettings, settings->fileName()};
    settings->beginGroup(settingsGroup());
    for (const QString& key : Config::keys()) {
        const QString value = settings->value(key).toString();
        if (!value.trimmed().isEmpty()) {
            config.set(key, value, origin);
        }
    }
    settings->endGroup();
    const Config::Origin secretOrigin{Config::Source::SavedSettings, m_savedSecretsOrigin};
    for (auto it = m_savedSecrets.cbegin(); it != m_savedSecrets.cend(); ++it) {
        if (Config::isSecret(it.key()) && !it.value().trimmed().isEmpty()) {
            config.set(it.key(), it.value(), secretOrigin);
        }
    }
}

void ConfigLoader::loadEnvFile(Config& config) const
{
    const QString path = envFileToRead();
    if (path.isEmpty()) {
        return;
    }
    const Result<EnvFile> file = EnvFile::read(path);
    if (!file) {
        config.addLoadProblem(file.error());
        return;
    }
    const QString absolute = QFileInfo(path).absoluteFilePath();
    config.setEnvFilePath(absolute);
    for (const EnvFile::Problem& problem : file->problems()) {
        config.addLoadProblem(Error::configuration(
            QStringLiteral("--env-file"),
            QStringLiteral("config.syntax"),
            QStringLiteral("%1, line %2: %3").arg(absolute).arg(problem.line).arg(problem.reason)));
    }
    const Config::Origin origin{Config::Source::EnvFile, absolute};
    bool holdsSecret = false;
    for (const EnvFile::Entry& entry : file->entries()) {
        if (Config::isKnownKey(entry.key)) {
            holdsSecret = holdsSecret || (Config::isSecret(entry.key) && !entry.value.isEmpty());
            if (!entry.value.trimmed().isEmpty()) {
                config.set(entry.key, entry.value, origin);
            }
        } else if (looksLikeOurs(entry.key)) {
            config.addLoadWarning(Error::configuration(
                entry.key,
                QStringLiteral("config.unknown_key"),
                QStringLiteral("%1, line %2: unknown key %3").arg(absolute).arg(entry.line).arg(entry.key)));
        }
    }
    if (holdsSecret && (QFileInfo(absolute).permissions() & (QFile::ReadOther | QFile::ReadGroup))) {
        config.addLoadWarning(Error::configuration(QStringLiteral("--env-file"),
                                                   QStringLiteral("config.insecure"),
                                                   QStringLiteral("%1 holds secrets and other users can read it; "
                                                                  "run chmod 600 on it")
                                                       .arg(absolute)));
    }
}

void ConfigLoader::loadEnvironment(Config& config) const
{
    const QProcessEnvironment environment = m_environment.value_or(QProcessEnvironment::systemEnvironment());
    const Config::Origin origin{Config::Source::Environment, QString()};
    for (const QString& key : Config::keys()) {
        const QString value = environment.value(key);
        if (!value.trimmed().isEmpty()) {
            config.set(key, value, origin);
        }
    }
}

void ConfigLoader::loadCommandLine(Config& config) const
{
    const Config::Origin origin{Config::Source::CommandLine, QString()};
    for (const QString& assignment : m_assignments) {
        const qsizetype equals = assignment.indexOf(QLatin1Char('='));
        const QString key = equals < 0 ? QString() : assignment.left(equals).trimmed();
        if (equals < 0 || !EnvFile::isValidKey(key)) {
            // Never repeat the argument: it may be a secret given without its key.
            config.addLoadProblem(Error::configuration(
                QStringLiteral("--set"), QStringLiteral("config.syntax"), QStringLiteral("--set expects KEY=VALUE")));
            continue;
        }
        if (!Config::isKnownKey(key)) {
            config.addLoadProblem(Error::configuration(
                key, QStringLiteral("config.unknown_key"), QStringLiteral("--set names an unknown key %1").arg(key)));
            continue;
        }
        const QString value = assignment.mid(equals + 1);
        if (!value.trimmed().isEmpty()) {
            config.set(key, value, origin);
        }
    }
}
