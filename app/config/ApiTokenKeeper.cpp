#include "app/config/ApiTokenKeeper.h"

#include "app/AppLogging.h"
#include "app/config/SecretStore.h"

#include <QDir>
#include <QEventLoop>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

#include <memory>
#include <optional>

namespace ApiTokenKeeper
{

namespace
{

constexpr int kSaveWaitMs = 10000;

} // namespace

QString generate()
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    QString token;
    for (int i = 0; i < 32; ++i) {
        token += QLatin1Char(alphabet[QRandomGenerator::system()->bounded(static_cast<int>(sizeof(alphabet) - 1))]);
    }
    return token;
}

Result<void> ensure(Config& config, SecretStore& secrets)
{
    if (!config.apiToken().isEmpty()) {
        return {};
    }
    QHash<QString, QString> kept = secrets.secrets();
    const QString token = generate();
    kept.insert(ConfigKey::ApiToken, token);

    // The save may outlive this function when the keychain never answers; it then reports to no one.
    auto outcome = std::make_shared<std::optional<Result<void>>>();
    QEventLoop loop;
    QTimer::singleShot(kSaveWaitMs, &loop, &QEventLoop::quit);
    secrets.save(kept, [outcome, guard = QPointer<QEventLoop>(&loop)](Result<void> saved) {
        *outcome = saved;
        if (guard) {
            guard->quit();
        }
    });
    if (!outcome->has_value()) {
        loop.exec(QEventLoop::ExcludeUserInputEvents);
    }
    if (!outcome->has_value()) {
        return Unexpected(Error::validation(
            ConfigKey::ApiToken, QStringLiteral("the keychain did not answer within %1 s").arg(kSaveWaitMs / 1000)));
    }
    if (!**outcome) {
        return Unexpected((*outcome)->error());
    }
    config.set(ConfigKey::ApiToken, token, {Config::Source::SavedSettings, secrets.location()});
    qCInfo(lcConfig).noquote() << "FLOWCHAT_API_TOKEN was not set: generated one and kept it in" << secrets.location();
    return {};
}

QString whereToFind(const Config& config)
{
    const Config::Origin origin = config.origin(ConfigKey::ApiToken);
    switch (origin.source) {
    case Config::Source::SavedSettings:
        return QStringLiteral("The token is kept in %1: `flowchat --print-api-token` prints it, the console's "
                              "Settings > API token > Copy copies it, and `flowchat doctor` shows where it comes from.")
            .arg(QDir::toNativeSeparators(origin.detail));
    case Config::Source::EnvFile:
        return QStringLiteral("The token is FLOWCHAT_API_TOKEN in %1; `flowchat --print-api-token` prints it.")
            .arg(QDir::toNativeSeparators(origin.detail));
    case Config::Source::Environment:
        return QStringLiteral("The token is FLOWCHAT_API_TOKEN in FlowChat's environment.");
    case Config::Source::CommandLine:
        return QStringLiteral("The token was given to FlowChat with --set FLOWCHAT_API_TOKEN=….");
    case Config::Source::Default:
        break;
    }
    return QStringLiteral("This run's token was printed when FlowChat started.");
}

} // namespace ApiTokenKeeper
