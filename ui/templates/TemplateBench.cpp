#include "ui/templates/TemplateBench.h"

#include "app/service/SendValidation.h"
#include "app/service/ServiceClient.h"
#include "app/store/StoreReader.h"
#include "providers/Phone.h"
#include "ui/templates/TemplateListModel.h"
#include "ui/templates/TemplatePreview.h"

#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QSet>
#include <QSettings>
#include <QSplitter>
#include <QVBoxLayout>

namespace
{

const QString kTestNumberKey = QStringLiteral("templates/testNumber");

QLabel* plainLabel(const QString& text, QWidget* parent)
{
    auto* label = new QLabel(text, parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    return label;
}

// Example values the template was approved with, by placeholder key (Meta's components).
QHash<QString, QString> examplesOf(const Template& tmpl)
{
    QHash<QString, QString> examples;
    for (const QJsonValue& value : tmpl.components) {
        const QJsonObject component = value.toObject();
        if (component.value(QLatin1String("type")).toString() != QLatin1String("BODY")) {
            continue;
        }
        const QJsonObject example = component.value(QLatin1String("example")).toObject();
        const QJsonArray positional = example.value(QLatin1String("body_text")).toArray().first().toArray();
        for (qsizetype i = 0; i < positional.size(); ++i) {
            examples.insert(QString::number(i + 1), positional.at(i).toString());
        }
        for (const QJsonValue& named : example.value(QLatin1String("body_text_named_params")).toArray()) {
            const QJsonObject param = named.toObject();
            examples.insert(param.value(QLatin1String("param_name")).toString(),
                            param.value(QLatin1String("example")).toString());
        }
    }
    return examples;
}

} // namespace

TemplateBench::TemplateBench(ServiceClient* service, QWidget* parent)
    : QDialog(parent)
    , m_service(service)
    , m_model(new TemplateListModel(this))
    , m_filter(new TemplateFilterModel(this))
{
    setObjectName(QStringLiteral("templateBench"));
    setWindowTitle(tr("Template test bench"));
    setModal(false);
    resize(980, 620);
    m_filter->setSourceModel(m_model);

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(createListPanel());
    splitter->addWidget(createDetailPanel());
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({340, 640});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(splitter);

    setService(service);
}

TemplateBench::~TemplateBench() = default;

void TemplateBench::setService(ServiceClient* service)
{
    if (m_service) {
        disconnect(m_service, nullptr, this, nullptr);
    }
    m_service = service;
    if (service) {
        connect(service, &ServiceClient::templatesChanged, this, &TemplateBench::reloadTemplates);
        reloadTemplates();
    }
    updateSendState();
}

QWidget* TemplateBench::createListPanel()
{
    auto* panel = new QWidget(this);
    auto* column = new QVBoxLayout(panel);
    column->setContentsMargins(0, 0, 6, 0);
    panel->setMinimumWidth(330);
    m_search = new QLineEdit(panel);
    m_search->setObjectName(QStringLiteral("templateSearch"));
    m_search->setPlaceholderText(tr("Search templates"));
    m_search->setAccessibleName(tr("Search templates"));
    m_search->setClearButtonEnabled(true);
    column->addWidget(m_search);

    auto* filters = new QHBoxLayout;
    const auto makeFilter = [panel](const char* name, const QString& accessible) {
        auto* combo = new QComboBox(panel);
        combo->setObjectName(QString::fromLatin1(name));
        combo->setAccessibleName(accessible);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        return combo;
    };
    m_status = makeFilter("statusFilter", tr("Approval status"));
    m_category = makeFilter("categoryFilter", tr("Category"));
    m_language = makeFilter("languageFilter", tr("Language"));
    filters->addWidget(m_status);
    filters->addWidget(m_category);
    filters->addWidget(m_language);
    column->addLayout(filters);

    m_list = new QListView(panel);
    m_list->setObjectName(QStringLiteral("templateList"));
    m_list->setAccessibleName(tr("Templates"));
    m_list->setModel(m_filter);
    m_list->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_list->setUniformItemSizes(true);
    column->addWidget(m_list, 1);

    m_listNote = plainLabel(QString(), panel);
    m_listNote->setObjectName(QStringLiteral("templateListNote"));
    column->addWidget(m_listNote);
    m_refresh = new QPushButton(tr("Refresh from the provider"), panel);
    m_refresh->setObjectName(QStringLiteral("refreshTemplates"));
    column->addWidget(m_refresh);

    connect(m_search, &QLineEdit::textChanged, m_filter, &TemplateFilterModel::setSearch);
    connect(m_status, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setStatus(m_status->currentData().toString());
    });
    connect(m_category, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setCategory(m_category->currentData().toString());
    });
    connect(m_language, &QComboBox::currentIndexChanged, this, [this] {
        m_filter->setLanguage(m_language->currentData().toString());
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this, &TemplateBench::onTemplateChosen);
    connect(m_refresh, &QPushButton::clicked, this, &TemplateBench::refreshFromProvider);
    return panel;
}

QWidget* TemplateBench::createDetailPanel()
{
    auto* panel = new QWidget(this);
    auto* column = new QVBoxLayout(panel);
    column->setContentsMargins(6, 0, 0, 0);
    m_title = plainLabel(tr("Choose a template on the left."), panel);
    m_title->setObjectName(QStringLiteral("templateTitle"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    column->addWidget(m_title);

    auto* middle = new QHBoxLayout;
    auto* parameters = new QGroupBox(tr("Parameters"), panel);
    auto* parametersLayout = new QVBoxLayout(parameters);
    auto* scroll = new QScrollArea(parameters);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_form = new QWidget(scroll);
    m_form->setObjectName(QStringLiteral("parameterForm"));
    m_formLayout = new QFormLayout(m_form);
    scroll->setWidget(m_form);
    parametersLayout->addWidget(scroll);
    middle->addWidget(parameters, 1);

    auto* previewBox = new QGroupBox(tr("Preview"), panel);
    auto* previewLayout = new QVBoxLayout(previewBox);
    m_preview = new TemplatePreview(previewBox);
    m_preview->setMinimumWidth(320);
    previewLayout->addWidget(m_preview);
    middle->addWidget(previewBox, 1);
    column->addLayout(middle, 1);

    auto* recipientBox = new QGroupBox(tr("Send to"), panel);
    auto* recipientLayout = new QGridLayout(recipientBox);
    m_toConversation = new QRadioButton(recipientBox);
    m_toConversation->setObjectName(QStringLiteral("toConversation"));
    m_toTestNumber = new QRadioButton(tr("Test number:"), recipientBox);
    m_toTestNumber->setObjectName(QStringLiteral("toTestNumber"));
    m_testNumber = new QLineEdit(QSettings().value(kTestNumberKey).toString(), recipientBox);
    m_testNumber->setObjectName(QStringLiteral("testNumber"));
    m_testNumber->setAccessibleName(tr("Test number"));
    m_testNumber->setPlaceholderText(tr("+55 11 91234 5678"));
    recipientLayout->addWidget(m_toConversation, 0, 0, 1, 2);
    recipientLayout->addWidget(m_toTestNumber, 1, 0);
    recipientLayout->addWidget(m_testNumber, 1, 1);
    column->addWidget(recipientBox);

    m_check = plainLabel(QString(), panel);
    m_check->setObjectName(QStringLiteral("templateCheck"));
    column->addWidget(m_check);
    auto* actions = new QHBoxLayout;
    m_result = plainLabel(QString(), panel);
    m_result->setObjectName(QStringLiteral("templateResult"));
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    actions->addWidget(m_result, 1);
    m_send = new QPushButton(tr("Send"), panel);
    m_send->setObjectName(QStringLiteral("sendTemplate"));
    m_send->setDefault(true);
    actions->addWidget(m_send);
    column->addLayout(actions);

    connect(m_toConversation, &QRadioButton::toggled, this, &TemplateBench::updateSendState);
    connect(m_testNumber, &QLineEdit::textChanged, this, [this](const QString& text) {
        QSettings().setValue(kTestNumberKey, text.trimmed());
        if (!text.isEmpty()) {
            m_toTestNumber->setChecked(true);
        }
        updateSendState();
    });
    connect(m_send, &QPushButton::clicked, this, &TemplateBench::send);
    setConversation({});
    return panel;
}

void TemplateBench::setConversation(const ConversationSummary& conversation)
{
    m_conversation = conversation;
    const bool has = conversation.id != 0;
    const QString who =
        conversation.profileName.isEmpty() ? Phone::formatInternational(conversation.e164) : conversation.profileName;
    m_toConversation->setText(has ? tr("The open conversation: %1").arg(who) : tr("The open conversation (none)"));
    m_toConversation->setEnabled(has);
    if (has && m_testNumber->text().trimmed().isEmpty()) {
        m_toConversation->setChecked(true);
    } else if (!has) {
        m_toTestNumber->setChecked(true);
    }
    updateSendState();
}

void TemplateBench::reloadTemplates()
{
    if (!m_service) {
        return;
    }
    const QString provider = m_service->providerName();
    m_service->reader()->templates(
        provider, this, [this](Result<QList<StoredTemplate>> stored) { showTemplates(stored); });
}

void TemplateBench::showTemplates(const Result<QList<StoredTemplate>>& stored)
{
    QString keepName;
    QString keepLanguage;
    if (const Template* current = currentTemplate()) {
        keepName = current->name;
        keepLanguage = current->language;
    }
    m_model->setTemplates(stored ? *stored : QList<StoredTemplate>());
    if (!stored) {
        m_listNote->setText(tr("Could not read the templates: %1").arg(stored.error().message));
    } else if (stored->isEmpty()) {
        m_listNote->setText(tr("No templates synced yet. Refresh to fetch them from the provider."));
    } else {
        m_listNote->setText(tr("%n template(s)", nullptr, static_cast<int>(stored->size())));
    }
    fillFilter(m_status, TemplateListModel::StatusRole, tr("Any status"));
    fillFilter(m_category, TemplateListModel::CategoryRole, tr("Any category"));
    fillFilter(m_language, TemplateListModel::LanguageRole, tr("Any language"));
    if (!keepName.isEmpty()) {
        selectTemplate(keepName, keepLanguage);
    }
    emit templatesLoaded(m_model->rowCount());
}

void TemplateBench::fillFilter(QComboBox* combo, int role, const QString& anyText)
{
    const QString kept = combo->currentData().toString();
    QSet<QString> values;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const QString value = m_model->index(row).data(role).toString();
        if (!value.isEmpty()) {
            values.insert(value);
        }
    }
    QStringList sorted(values.cbegin(), values.cend());
    sorted.sort();
    const QSignalBlocker blocker(combo);
    combo->clear();
    combo->addItem(anyText, QString());
    for (const QString& value : std::as_const(sorted)) {
        combo->addItem(value, value);
    }
    combo->setCurrentIndex(std::max(0, combo->findData(kept)));
}

void TemplateBench::refreshFromProvider()
{
    if (!m_service) {
        return;
    }
    m_refresh->setEnabled(false);
    m_refresh->setText(tr("Refreshing…"));
    m_service->syncTemplates(this, [this](Result<int> synced) {
        m_refresh->setEnabled(true);
        m_refresh->setText(tr("Refresh from the provider"));
        if (!synced) {
            m_listNote->setText(tr("The provider refused the refresh: %1").arg(synced.error().message));
            return;
        }
        reloadTemplates();
    });
}

bool TemplateBench::selectTemplate(const QString& name, const QString& language)
{
    const int row = m_model->rowOf(name, language);
    if (row < 0) {
        return false;
    }
    const QModelIndex index = m_filter->mapFromSource(m_model->index(row));
    if (!index.isValid()) {
        return false;
    }
    m_list->setCurrentIndex(index);
    return true;
}

const Template* TemplateBench::currentTemplate() const
{
    return m_currentRow >= 0 && m_currentRow < m_model->rowCount() ? &m_model->templateAt(m_currentRow) : nullptr;
}

void TemplateBench::onTemplateChosen()
{
    const QModelIndex index = m_filter->mapToSource(m_list->currentIndex());
    m_currentRow = index.isValid() ? index.row() : -1;
    rebuildForm();
}

void TemplateBench::rebuildForm()
{
    while (m_formLayout->rowCount() > 0) {
        m_formLayout->removeRow(0);
    }
    m_fields.clear();
    m_result->clear();
    const Template* tmpl = currentTemplate();
    if (!tmpl) {
        m_title->setText(tr("Choose a template on the left."));
        m_preview->clear();
        updateSendState();
        return;
    }
    m_title->setText(tr("%1 · %2 · %3 · %4")
                         .arg(tmpl->name,
                              tmpl->language,
                              tmpl->category.isEmpty() ? tr("no category") : tmpl->category.toLower(),
                              tmpl->approvalStatus.isEmpty() ? tr("status unknown") : tmpl->approvalStatus.toLower()));
    const QHash<QString, QString> examples = examplesOf(*tmpl);
    for (const QString& key : tmpl->placeholders) {
        auto* field = new QLineEdit(m_form);
        field->setObjectName(QStringLiteral("parameter_%1").arg(key));
        field->setAccessibleName(tr("Value for {{%1}}").arg(key));
        const QString example = examples.value(key);
        field->setPlaceholderText(example.isEmpty() ? QString() : tr("e.g. %1").arg(example));
        connect(field, &QLineEdit::textChanged, this, [this] {
            updatePreview();
            updateSendState();
        });
        m_formLayout->addRow(tr("{{%1}} in the body").arg(key), field);
        m_fields.append({key, field});
    }
    if (m_fields.isEmpty()) {
        m_formLayout->addRow(plainLabel(tr("This template has no parameters."), m_form));
    }
    m_headerMedia = nullptr;
    const bool mediaHeader = !tmpl->headerFormat.isEmpty() && tmpl->headerFormat != QLatin1String("TEXT");
    const bool twilio = m_service && m_service->providerName() == QLatin1String("twilio");
    if (mediaHeader && twilio) {
        m_formLayout->addRow(
            plainLabel(tr("The %1 header is part of the Twilio content template and is sent as approved.")
                           .arg(tmpl->headerFormat.toLower()),
                       m_form));
    } else if (mediaHeader) {
        m_headerMedia = new QLineEdit(m_form);
        m_headerMedia->setObjectName(QStringLiteral("headerMediaField"));
        m_headerMedia->setAccessibleName(tr("Header %1 URL").arg(tmpl->headerFormat.toLower()));
        m_headerMedia->setPlaceholderText(
            tr("https://… the %1 WhatsApp shows above the text").arg(tmpl->headerFormat.toLower()));
        connect(m_headerMedia, &QLineEdit::textChanged, this, [this] {
            updatePreview();
            updateSendState();
        });
        m_formLayout->insertRow(1, tr("Header %1:").arg(tmpl->headerFormat.toLower()), m_headerMedia);
    }
    updatePreview();
    updateSendState();
}

void TemplateBench::updatePreview()
{
    const Template* tmpl = currentTemplate();
    if (!tmpl) {
        m_preview->clear();
        return;
    }
    QStringList keys;
    QStringList values;
    for (const auto& [key, field] : std::as_const(m_fields)) {
        keys << key;
        // Unfilled placeholders stay visible, so the agent sees where each value goes.
        values << (field->text().isEmpty() ? QStringLiteral("{{%1}}").arg(key) : field->text());
    }
    m_preview->showTemplate(*tmpl,
                            SendValidation::render(*tmpl, keys, values),
                            m_headerMedia ? m_headerMedia->text().trimmed() : QString());
}

QString TemplateBench::recipient() const
{
    return m_toConversation->isChecked() ? m_conversation.e164 : m_testNumber->text().trimmed();
}

void TemplateBench::updateSendState()
{
    if (!m_send) {
        return;
    }
    const Template* tmpl = currentTemplate();
    QString reason;
    if (!m_service) {
        reason = tr("The message service is not running.");
    } else if (!tmpl) {
        reason = tr("Choose a template to send.");
    } else if (tmpl->approvalStatus.compare(QLatin1String("approved"), Qt::CaseInsensitive) != 0) {
        reason = tr("This template is %1: only approved templates can be sent.")
                     .arg(tmpl->approvalStatus.isEmpty() ? tr("not approved") : tmpl->approvalStatus.toLower());
    } else {
        QStringList missing;
        for (const auto& [key, field] : std::as_const(m_fields)) {
            if (field->text().trimmed().isEmpty()) {
                missing << QStringLiteral("{{%1}}").arg(key);
            }
        }
        if (m_headerMedia) {
            const QUrl url(m_headerMedia->text().trimmed(), QUrl::StrictMode);
            if (m_headerMedia->text().trimmed().isEmpty()) {
                missing.prepend(tr("the header's file"));
            } else if (!SendValidation::isHttpUrl(url)) {
                reason = tr("The header's file must be an https:// or http:// URL.");
            }
        }
        if (!reason.isEmpty()) {
            // already says what is wrong
        } else if (!missing.isEmpty()) {
            reason = tr("Fill in %1.").arg(missing.join(QStringLiteral(", ")));
        } else if (m_toConversation->isChecked() && m_conversation.id == 0) {
            reason = tr("No conversation is open: choose the test number.");
        } else if (m_toTestNumber->isChecked()) {
            const Result<QString> number = Phone::normalize(m_testNumber->text(), QStringLiteral("test_number"));
            if (!number) {
                reason = m_testNumber->text().trimmed().isEmpty() ? tr("Enter a test number.")
                                                                  : tr("Test number: %1").arg(number.error().message);
            }
        }
    }
    m_check->setText(reason);
    m_check->setVisible(!reason.isEmpty());
    m_send->setEnabled(reason.isEmpty());
    m_send->setToolTip(reason);
}

void TemplateBench::send()
{
    const Template* tmpl = currentTemplate();
    if (!tmpl || !m_service) {
        return;
    }
    TemplateSendRequest request;
    request.to = recipient();
    request.templateName = tmpl->name;
    request.languageCode = tmpl->language;
    for (const auto& [key, field] : std::as_const(m_fields)) {
        request.parameters.append({key, field->text()});
    }
    if (m_headerMedia) {
        request.headerMediaUrl = m_headerMedia->text().trimmed();
    }
    m_send->setEnabled(false);
    m_result->setText(tr("Sending…"));
    m_service->sendTemplate(request, this, [this](Result<SendReceipt> receipt) {
        updateSendState();
        if (!receipt) {
            const Error& error = receipt.error();
            m_result->setText(error.field.isEmpty() ? tr("Not sent: %1").arg(error.message)
                                                    : tr("Not sent (%1): %2").arg(error.field, error.message));
            return;
        }
        m_result->setText(tr("Queued as message %1; watch its ticks in the conversation.").arg(receipt->id));
        const qint64 id = receipt->id;
        if (!m_service) {
            return;
        }
        // The console opens the conversation the template went to; the receipt names only the row.
        m_service->reader()->message(id, this, [this, id](Result<StoredMessage> stored) {
            emit templateSent(id, stored ? stored->conversationId : 0);
        });
    });
}

QLineEdit* TemplateBench::headerMediaField() const
{
    return m_headerMedia;
}

QLineEdit* TemplateBench::parameterField(const QString& key) const
{
    for (const auto& [fieldKey, field] : m_fields) {
        if (fieldKey == key) {
            return field;
        }
    }
    return nullptr;
}

QPushButton* TemplateBench::sendButton() const
{
    return m_send;
}

QPushButton* TemplateBench::refreshButton() const
{
    return m_refresh;
}

TemplatePreview* TemplateBench::preview() const
{
    return m_preview;
}
