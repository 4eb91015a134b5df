//! One method per endpoint of the contract's table, in its order.

use std::fmt;

use serde::de::IgnoredAny;

use super::{Call, ClientError, Method, PortalClient, seg, wire_name};
use crate::core::model::{
    Application, ApplicationRequest, AssistAction, AssistRequest, AssistRequestList, AssistRequestNew,
    AssistStatus, Catalogue, Channel, Evaluation, EvaluationRequest, FormSchema, Hall, Health, Heartbeat,
    HeartbeatAck, IdentityRequest, IdentitySession, Matter, QueryRequest, QueryResult, ReasonList, Receipt,
    Regions, StaffSession, StaffSignIn, StatusChange, TerminalConfig,
};

/// How a case is reached: by its citizen's session, or by the receipt's lookup code.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum CaseAccess<'a> {
    /// The bearer token of the owner's identity session.
    Citizen(&'a str),
    /// The short code printed on the receipt.
    LookupCode(&'a str),
}

impl fmt::Debug for CaseAccess<'_> {
    // Both are secrets of the citizen: never printed.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseAccess::Citizen(_) => f.write_str("Citizen(..)"),
            CaseAccess::LookupCode(_) => f.write_str("LookupCode(..)"),
        }
    }
}

impl<'a> Call<'a> {
    fn case_access(self, access: CaseAccess<'a>) -> Self {
        match access {
            CaseAccess::Citizen(token) => self.bearer(token),
            CaseAccess::LookupCode(code) => self.query("lookup_code", code.to_owned()),
        }
    }
}

impl PortalClient {
    /// `GET /v1/health`.
    pub async fn health(&self) -> Result<Health, ClientError> {
        self.send(Call::new(Method::Get, "/v1/health", "/v1/health".into())).await
    }

    /// `GET /v1/halls/{hall_id}`.
    pub async fn hall(&self, hall_id: &str) -> Result<Hall, ClientError> {
        let path = format!("/v1/halls/{}", seg(hall_id));
        self.send(Call::new(Method::Get, "/v1/halls/{hall_id}", path)).await
    }

    /// `GET /v1/halls/{hall_id}/matters?channel=…`.
    pub async fn catalogue(&self, hall_id: &str, channel: Channel) -> Result<Catalogue, ClientError> {
        let path = format!("/v1/halls/{}/matters", seg(hall_id));
        let call = Call::new(Method::Get, "/v1/halls/{hall_id}/matters", path)
            .query("channel", wire_name(&channel)?);
        self.send(call).await
    }

    /// `GET /v1/matters/{matter_id}`.
    pub async fn matter(&self, matter_id: &str) -> Result<Matter, ClientError> {
        let path = format!("/v1/matters/{}", seg(matter_id));
        self.send(Call::new(Method::Get, "/v1/matters/{matter_id}", path)).await
    }

    /// `GET /v1/matters/{matter_id}/form-schema[?version=N]` (current version without one).
    pub async fn form_schema(
        &self,
        matter_id: &str,
        version: Option<u32>,
    ) -> Result<FormSchema, ClientError> {
        let path = format!("/v1/matters/{}/form-schema", seg(matter_id));
        let mut call = Call::new(Method::Get, "/v1/matters/{matter_id}/form-schema", path);
        if let Some(v) = version {
            call = call.query("version", v.to_string());
        }
        self.send(call).await
    }

    /// `GET /v1/regions`.
    pub async fn regions(&self) -> Result<Regions, ClientError> {
        self.send(Call::new(Method::Get, "/v1/regions", "/v1/regions".into())).await
    }

    /// `GET /v1/evaluation-reasons`.
    pub async fn evaluation_reasons(&self) -> Result<ReasonList, ClientError> {
        let path = "/v1/evaluation-reasons".to_owned();
        self.send(Call::new(Method::Get, "/v1/evaluation-reasons", path)).await
    }

    /// `POST /v1/identity/sessions`: identify the citizen.
    pub async fn open_identity(&self, req: &IdentityRequest) -> Result<IdentitySession, ClientError> {
        let path = "/v1/identity/sessions".to_owned();
        let call = Call::new(Method::Post, "/v1/identity/sessions", path).json(req)?;
        self.send(call).await
    }

    /// `DELETE /v1/identity/sessions/{token}`: log out (idempotent).
    pub async fn close_identity(&self, token: &str) -> Result<(), ClientError> {
        let path = format!("/v1/identity/sessions/{}", seg(token));
        // 204 by the contract; any readable body is as good: the session is closed.
        let _: IgnoredAny =
            self.send(Call::new(Method::Delete, "/v1/identity/sessions/{token}", path)).await?;
        Ok(())
    }

    /// `POST /v1/queries/{matter_id}` as the identified citizen.
    pub async fn query(
        &self,
        token: &str,
        matter_id: &str,
        req: &QueryRequest,
    ) -> Result<QueryResult, ClientError> {
        let path = format!("/v1/queries/{}", seg(matter_id));
        let call = Call::new(Method::Post, "/v1/queries/{matter_id}", path).bearer(token).json(req)?;
        self.send(call).await
    }

    /// `POST /v1/applications`. Retried like a GET: the key makes a replay return the same case.
    pub async fn submit_application(
        &self,
        token: &str,
        idempotency_key: &str,
        req: &ApplicationRequest,
    ) -> Result<Application, ClientError> {
        let path = "/v1/applications".to_owned();
        let call = Call::new(Method::Post, "/v1/applications", path)
            .bearer(token)
            .idempotency_key(idempotency_key)
            .json(req)?;
        self.send(call).await
    }

    /// `GET /v1/applications/{case_no}`.
    pub async fn application(
        &self,
        case_no: &str,
        access: CaseAccess<'_>,
    ) -> Result<Application, ClientError> {
        let path = format!("/v1/applications/{}", seg(case_no));
        let call = Call::new(Method::Get, "/v1/applications/{case_no}", path).case_access(access);
        self.send(call).await
    }

    /// `GET /v1/applications/{case_no}/receipt`: the masked receipt.
    pub async fn receipt(&self, case_no: &str, access: CaseAccess<'_>) -> Result<Receipt, ClientError> {
        let path = format!("/v1/applications/{}/receipt", seg(case_no));
        let call = Call::new(Method::Get, "/v1/applications/{case_no}/receipt", path).case_access(access);
        self.send(call).await
    }

    /// `POST /v1/applications/{case_no}/status` with a staff token.
    pub async fn set_status(
        &self,
        staff_token: &str,
        case_no: &str,
        change: &StatusChange,
    ) -> Result<Application, ClientError> {
        let path = format!("/v1/applications/{}/status", seg(case_no));
        let call = Call::new(Method::Post, "/v1/applications/{case_no}/status", path)
            .bearer(staff_token)
            .json(change)?;
        self.send(call).await
    }

    /// `POST /v1/evaluations` (好差评) as the case's citizen.
    pub async fn evaluate(&self, token: &str, req: &EvaluationRequest) -> Result<Evaluation, ClientError> {
        let path = "/v1/evaluations".to_owned();
        let call = Call::new(Method::Post, "/v1/evaluations", path).bearer(token).json(req)?;
        self.send(call).await
    }

    /// `POST /v1/assist-requests`: call staff.
    pub async fn request_assist(&self, req: &AssistRequestNew) -> Result<AssistRequest, ClientError> {
        let path = "/v1/assist-requests".to_owned();
        let call = Call::new(Method::Post, "/v1/assist-requests", path).json(req)?;
        self.send(call).await
    }

    /// `GET /v1/halls/{hall_id}/assist-requests[?status=…]`.
    pub async fn assist_requests(
        &self,
        hall_id: &str,
        status: Option<AssistStatus>,
    ) -> Result<AssistRequestList, ClientError> {
        let path = format!("/v1/halls/{}/assist-requests", seg(hall_id));
        let mut call = Call::new(Method::Get, "/v1/halls/{hall_id}/assist-requests", path);
        if let Some(s) = status {
            call = call.query("status", wire_name(&s)?);
        }
        self.send(call).await
    }

    /// `POST /v1/assist-requests/{id}/accept`.
    pub async fn accept_assist(&self, id: &str, action: &AssistAction) -> Result<AssistRequest, ClientError> {
        let path = format!("/v1/assist-requests/{}/accept", seg(id));
        let call = Call::new(Method::Post, "/v1/assist-requests/{id}/accept", path).json(action)?;
        self.send(call).await
    }

    /// `POST /v1/assist-requests/{id}/close`.
    pub async fn close_assist(&self, id: &str, action: &AssistAction) -> Result<AssistRequest, ClientError> {
        let path = format!("/v1/assist-requests/{}/close", seg(id));
        let call = Call::new(Method::Post, "/v1/assist-requests/{id}/close", path).json(action)?;
        self.send(call).await
    }

    /// `POST /v1/staff/sessions`: a helper signs in.
    pub async fn staff_sign_in(&self, req: &StaffSignIn) -> Result<StaffSession, ClientError> {
        let path = "/v1/staff/sessions".to_owned();
        let call = Call::new(Method::Post, "/v1/staff/sessions", path).json(req)?;
        self.send(call).await
    }

    /// `POST /v1/terminals/{terminal_id}/heartbeat`.
    pub async fn heartbeat(&self, terminal_id: &str, beat: &Heartbeat) -> Result<HeartbeatAck, ClientError> {
        let path = format!("/v1/terminals/{}/heartbeat", seg(terminal_id));
        let call = Call::new(Method::Post, "/v1/terminals/{terminal_id}/heartbeat", path).json(beat)?;
        self.send(call).await
    }

    /// `GET /v1/terminals/{terminal_id}/config`.
    pub async fn terminal_config(&self, terminal_id: &str) -> Result<TerminalConfig, ClientError> {
        let path = format!("/v1/terminals/{}/config", seg(terminal_id));
        self.send(Call::new(Method::Get, "/v1/terminals/{terminal_id}/config", path)).await
    }
}
