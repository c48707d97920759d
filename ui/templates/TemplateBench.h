#pragma once

#include "app/store/StoreTypes.h"

#include <QDialog>
#include <QPointer>

#include <memory>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QRadioButton;
class QWidget;
class TemplateFilterModel;
class TemplateListModel;
class TemplatePreview;
class ServiceClient;

// "Manual template testing": pick a synced template, fill its placeholders, see the message as
// the customer will, and send it to the open conversation or to a test number.
class TemplateBench : public QDialog
{
    Q_OBJECT
public:
    TemplateBench(ServiceClient* service, QWidget* parent = nullptr);
    ~TemplateBench() override;

    void setService(ServiceClient* service);
    // The conversation open in the console; an empty summary means none.
    void setConversation(const ConversationSummary& conversation);

    // For tests and the lead: choose a template by name and language.
    bool selectTemplate(const QString& name, const QString& language);
    QLineEdit* parameterField(const QString& key) const;
    // The URL of a media header's file (Meta templates with an image, video or document header).
    QLineEdit* headerMediaField() const;
    QPushButton* sendButton() const;
    QPushButton* refreshButton() const;
    TemplatePreview* preview() const;

signals:
    void templateSent(qint64 messageId, qint64 conversationId);
    // The list has been (re)read from the store; `count` templates are in it.
    void templatesLoaded(int count);

public slots:
    void reloadTemplates();

private:
    QWidget* createListPanel();
    QWidget* createDetailPanel();
    void refreshFromProvider();
    void showTemplates(const Result<QList<StoredTemplate>>& stored);
    void onTemplateChosen();
    void rebuildForm();
    void updatePreview();
    void updateSendState();
    void send();
    void fillFilter(QComboBox* combo, int role, const QString& anyText);
    QString recipient() const;
    const Template* currentTemplate() const;

    QPointer<ServiceClient> m_service;
    ConversationSummary m_conversation;
    TemplateListModel* m_model = nullptr;
    TemplateFilterModel* m_filter = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_category = nullptr;
    QComboBox* m_language = nullptr;
    QListView* m_list = nullptr;
    QPushButton* m_refresh = nullptr;
    QLabel* m_listNote = nullptr;
    QLabel* m_title = nullptr;
    QWidget* m_form = nullptr;
    QFormLayout* m_formLayout = nullptr;
    QList<QPair<QString, QLineEdit*>> m_fields;
    QLineEdit* m_headerMedia = nullptr;
    TemplatePreview* m_preview = nullptr;
    QRadioButton* m_toConversation = nullptr;
    QRadioButton* m_toTestNumber = nullptr;
    QLineEdit* m_testNumber = nullptr;
    QLabel* m_check = nullptr;
    QPushButton* m_send = nullptr;
    QLabel* m_result = nullptr;
    int m_currentRow = -1;
};
