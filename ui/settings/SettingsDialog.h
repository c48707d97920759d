#pragma once

#include "app/config/Config.h"

#include <QDialog>
#include <QHash>
#include <QPointer>

#include <memory>

class DatabaseSettings;
class ProviderFactory;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSettings;
class QStackedWidget;
class SecretStore;

// File > Settings: the provider and the fields it needs, the webhook secrets and the local service,
// checked as they are typed with Config's own rules. Saving writes plain values to the saved
// settings and secrets to the SecretStore, then asks for a restart (saved() is emitted).
// A value given by a higher source (.env, environment, --set) is shown read-only, with where it
// comes from: saving here would not change what FlowChat uses.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    // `settings`: where plain values go (the [config] group); not owned; null: FlowChat's own.
    SettingsDialog(const Config& current, QSettings* settings, SecretStore* secrets, QWidget* parent = nullptr);
    ~SettingsDialog() override;

    // The configuration the fields describe, as ConfigLoader would load it after saving.
    Config candidate() const;
    // Problems with the editable fields, by key (empty when the dialog can save).
    QHash<QString, QString> fieldProblems() const;

    QLineEdit* field(const QString& key) const;
    QComboBox* providerBox() const;
    QLabel* problemLabel(const QString& key) const;
    QLabel* connectionResult() const;
    QPushButton* saveButton() const;
    DatabaseSettings* databaseSettings() const;

    // Lists the provider's templates with the fields as they are now.
    void testConnection();
    void save();

signals:
    // Written to disk; what FlowChat runs with must now restart.
    void saved();

private:
    QWidget* createProviderGroup();
    QWidget* createWebhookGroup();
    QWidget* createServiceGroup();
    QWidget* createHistoryGroup();
    QLineEdit* addField(class QFormLayout* form, const QString& key, const QString& label, QWidget* extra = nullptr);
    bool isOverridden(const QString& key) const;
    // What the editable fields hold now, by key (the provider as its config word).
    QHash<QString, QString> editedValues() const;
    void revalidate();
    void setBusy(bool busy);

    Config m_current;
    QHash<QString, QString> m_initialValues; // to tell whether Save must restart anything
    std::unique_ptr<QSettings> m_ownSettings;
    QSettings* m_settings;
    QPointer<SecretStore> m_secrets;
    QComboBox* m_provider = nullptr;
    QStackedWidget* m_providerPages = nullptr;
    QHash<QString, QLineEdit*> m_fields;
    QHash<QString, QLabel*> m_problems;
    QLabel* m_otherProblems = nullptr;
    QLabel* m_connection = nullptr;
    QLabel* m_secretsNote = nullptr;
    QPushButton* m_test = nullptr;
    DatabaseSettings* m_database = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    QPointer<ProviderFactory> m_probe;
};
